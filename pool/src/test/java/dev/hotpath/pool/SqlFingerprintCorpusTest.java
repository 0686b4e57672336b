package dev.hotpath.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The corpus of real statements, without a database: each group is one fingerprint, different
 * groups are different fingerprints, and no fingerprint shows a literal. That PostgreSQL groups
 * them the same way is {@link PostgresFingerprintAlignmentTest}'s job.
 */
class SqlFingerprintCorpusTest {

  @Test
  void eachGroupIsOneFingerprintAndGroupsDiffer() throws Exception {
    Map<String, String> groupOfFingerprint = new HashMap<>();
    for (FingerprintCorpus.Group group : FingerprintCorpus.load()) {
      Set<String> fingerprints = new LinkedHashSet<>();
      for (String sql : group.statements()) {
        fingerprints.add(SqlFingerprint.of(sql).text());
      }
      assertThat(fingerprints).as(group.name()).hasSize(1);
      String fingerprint = fingerprints.iterator().next();
      assertThat(groupOfFingerprint.put(fingerprint, group.name()))
          .as("'%s' is also the fingerprint of another group", fingerprint).isNull();
    }
  }

  @Test
  void noFingerprintShowsALiteral() throws Exception {
    for (FingerprintCorpus.Group group : FingerprintCorpus.load()) {
      for (String sql : group.statements()) {
        String fingerprint = SqlFingerprint.of(sql).text();
        for (String secret : FingerprintCorpus.SECRETS) {
          assertThat(fingerprint).as(sql).doesNotContain(secret);
        }
      }
    }
  }

  @Test
  void groupsReadAsTheyShould() throws Exception {
    Map<String, String> shown = new HashMap<>();
    for (FingerprintCorpus.Group group : FingerprintCorpus.load()) {
      shown.put(group.name(), SqlFingerprint.of(group.statements().get(0)).text());
    }
    assertThat(shown).containsEntry(
        "select by id, whatever the case, sign, quoting or cast of the literal",
        "SELECT * FROM photo WHERE id = ?");
    assertThat(shown).containsEntry("is not null", "SELECT id FROM photo WHERE owner IS NOT NULL");
    assertThat(shown).containsEntry("is true", "SELECT id FROM photo WHERE flag IS TRUE");
    assertThat(shown).containsEntry("arithmetic keeps its operator",
        "SELECT id FROM photo WHERE id > ? - ?");
    assertThat(shown).containsEntry("IN lists of any length", "SELECT id FROM photo WHERE id IN (?+)");
    assertThat(shown).containsEntry("VALUES rows of any number",
        "INSERT INTO tag (photo_id, label) VALUES (?, ?)+");
    assertThat(List.copyOf(shown.values())).doesNotHaveDuplicates();
  }
}
