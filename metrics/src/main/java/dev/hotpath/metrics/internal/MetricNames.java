package dev.hotpath.metrics.internal;

/** The rules a recorder name follows, shared by the registry and budgets. */
public final class MetricNames {
  /** The longest name accepted, in characters. */
  public static final int MAX_LENGTH = 200;

  private MetricNames() {}

  /**
   * Returns the rule {@code name} breaks, or {@code null} when it is a valid name.
   *
   * @param name the candidate name, possibly null
   * @return a message naming the value and the rule, or {@code null}
   */
  public static String problemWith(String name) {
    if (name == null) {
      return "name must not be null";
    }
    if (name.isBlank()) {
      return "name must not be blank, was '" + name + "'";
    }
    if (name.length() > MAX_LENGTH) {
      return "name must be at most " + MAX_LENGTH + " characters, was " + name.length()
          + " starting '" + printable(name.substring(0, 40)) + "'";
    }
    for (int i = 0; i < name.length(); i++) {
      if (Character.isISOControl(name.charAt(i))) {
        return "name must not contain control characters, was '" + printable(name) + "'";
      }
    }
    return null;
  }

  /**
   * Checks a name.
   *
   * @param name the candidate name
   * @return the name
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException if {@code name} breaks another rule of {@link #problemWith}
   */
  public static String requireValid(String name) {
    String problem = problemWith(name);
    if (problem == null) {
      return name;
    }
    if (name == null) {
      throw new NullPointerException(problem);
    }
    throw new IllegalArgumentException(problem);
  }

  private static String printable(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isISOControl(c)) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
