package dev.hotpath.core.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Captures what an action writes to standard error, where slf4j-simple logs in tests. */
public final class StandardError {

  private StandardError() {}

  /**
   * Runs {@code action} with standard error captured.
   *
   * @param action what to run
   * @return what it wrote to standard error
   */
  public static String capture(Runnable action) {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setErr(original);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }
}
