package dev.hotpath.core.internal;

/** Validation of the names users give to units, keys and health checks. */
public final class Names {
  private Names() {}

  /**
   * Checks that a name is present and not blank.
   *
   * @param name the name to check
   * @param what what the name names, for the message, e.g. {@code "health check name"}
   * @return {@code name}
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException if {@code name} is empty or only whitespace
   */
  public static String requireNotBlank(String name, String what) {
    if (name == null) {
      throw new NullPointerException(what + " must not be null");
    }
    if (name.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank, was \"" + name + "\"");
    }
    return name;
  }
}
