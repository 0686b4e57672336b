package dev.hotpath.servlet.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A path template such as {@code /albums/{id}/photos}: matches paths with the same number of
 * segments, literal segments equal, each {@code {name}} segment capturing one non-empty segment.
 */
public final class PathTemplate {
  private final String[] segments;

  /**
   * Parses a template.
   *
   * @param template the template, starting with {@code /}
   * @throws IllegalArgumentException when it does not start with {@code /} or a variable is
   *     malformed
   */
  public PathTemplate(String template) {
    if (template == null || !template.startsWith("/")) {
      throw new IllegalArgumentException("path template must start with '/', was " + template);
    }
    this.segments = template.substring(1).split("/", -1);
    for (String segment : segments) {
      boolean open = segment.startsWith("{");
      if (open != segment.endsWith("}") || open && !segment.matches("\\{\\w+}")) {
        throw new IllegalArgumentException("path template variable must be {name}, was " + segment
            + " in " + template);
      }
    }
  }

  /**
   * Returns the variables of a path.
   *
   * @param path the path within the context, starting with {@code /}
   * @return variable name to segment, or null when the path does not match
   */
  public Map<String, String> match(String path) {
    String[] parts = path.substring(path.startsWith("/") ? 1 : 0).split("/", -1);
    if (parts.length != segments.length) {
      return null;
    }
    Map<String, String> variables = new HashMap<>();
    for (int i = 0; i < parts.length; i++) {
      String segment = segments[i];
      if (segment.startsWith("{")) {
        if (parts[i].isEmpty()) {
          return null;
        }
        variables.put(segment.substring(1, segment.length() - 1), parts[i]);
      } else if (!segment.equals(parts[i])) {
        return null;
      }
    }
    return variables;
  }

  /**
   * Fills a tag template such as {@code album:{id}} with the variables.
   *
   * @param tag the tag template
   * @param variables the matched variables
   * @return the tag, or null when it names a variable the path has not
   */
  public static String fill(String tag, Map<String, String> variables) {
    StringBuilder filled = new StringBuilder(tag.length() + 16);
    int at = 0;
    while (at < tag.length()) {
      int open = tag.indexOf('{', at);
      if (open < 0) {
        filled.append(tag, at, tag.length());
        break;
      }
      int close = tag.indexOf('}', open);
      String value = close < 0 ? null : variables.get(tag.substring(open + 1, close));
      if (value == null) {
        return null;
      }
      filled.append(tag, at, open).append(value);
      at = close + 1;
    }
    return filled.toString();
  }

  /**
   * Tells whether this template has every variable the tag templates name.
   *
   * @param tags tag templates
   * @return true when every variable they name is in this template
   */
  public boolean defines(List<String> tags) {
    Map<String, String> all = new HashMap<>();
    for (String segment : segments) {
      if (segment.startsWith("{")) {
        all.put(segment.substring(1, segment.length() - 1), "x");
      }
    }
    for (String tag : tags) {
      if (fill(tag, all) == null) {
        return false;
      }
    }
    return true;
  }
}
