package dev.hotpath.pool;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The statements of {@code fingerprints/postgres-corpus.txt}, in the groups hotpath puts them
 * in. A line starting with whitespace continues the statement above it on a new line.
 */
final class FingerprintCorpus {

  /** Markers every literal of the corpus holds; no fingerprint may show them. */
  static final List<String> SECRETS = List.of("s3cr3t", "4242");

  /**
   * One group.
   *
   * @param name what the group is
   * @param coarser whether hotpath deliberately merges what PostgreSQL tells apart
   * @param statements the statements, at least one
   */
  record Group(String name, boolean coarser, List<String> statements) {}

  private FingerprintCorpus() {}

  static List<Group> load() throws IOException {
    String text;
    try (InputStream in = FingerprintCorpus.class.getResourceAsStream(
        "/fingerprints/postgres-corpus.txt")) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    List<Group> groups = new ArrayList<>();
    String name = null;
    boolean coarser = false;
    List<String> statements = new ArrayList<>();
    for (String line : text.split("\n", -1)) {
      if (line.startsWith("#") || line.isBlank()) {
        continue;
      }
      if (line.startsWith("== ")) {
        if (name != null) {
          groups.add(new Group(name, coarser, List.copyOf(statements)));
        }
        coarser = line.startsWith("== coarser: ");
        if (!coarser && !line.startsWith("== same: ")) {
          throw new IllegalStateException("a group is 'same' or 'coarser': " + line);
        }
        name = line.substring(line.indexOf(':') + 2);
        statements.clear();
      } else if (Character.isWhitespace(line.charAt(0))) {
        int last = statements.size() - 1;
        statements.set(last, statements.get(last) + "\n" + line);
      } else {
        statements.add(line);
      }
    }
    groups.add(new Group(name, coarser, List.copyOf(statements)));
    return groups;
  }
}
