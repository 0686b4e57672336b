package dev.hotpath.pool.internal;

import java.security.CodeSource;
import java.util.List;
import java.util.Objects;

/**
 * Finds where a statement was issued from: the first stack frame that is the application's code.
 * Always skipped: this library's jar, JDBC and the JDK ({@code java.}, {@code javax.},
 * {@code jdk.}, {@code sun.}, {@code com.sun.}) and HikariCP; besides them the class-name prefixes
 * given (by default the well-known data-access frameworks, so that a report names the repository
 * method, not Hibernate's result-set access or {@code JdbcTemplate}). The library is recognised
 * by its code source, not by package name, so that code in a {@code dev.hotpath.pool} package of
 * another jar (or test classes) still counts as the caller. Only walked when an N+1 report is
 * made, never per statement.
 */
final class CallSites {

  private static final StackWalker WALKER =
      StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
  private static final CodeSource LIBRARY = CallSites.class.getProtectionDomain().getCodeSource();
  private static final String[] ALWAYS_SKIPPED =
      {"java.", "javax.", "jdk.", "sun.", "com.sun.", "com.zaxxer.hikari."};

  private final String[] skipped;

  /**
   * Creates a finder.
   *
   * @param skippedPrefixes class-name prefixes skipped besides the library, JDK and HikariCP
   */
  CallSites(List<String> skippedPrefixes) {
    this.skipped = skippedPrefixes.toArray(new String[0]);
  }

  StackTraceElement firstApplicationFrame() {
    return WALKER.walk(frames -> frames
        .filter(frame -> !isSkipped(frame.getDeclaringClass()))
        .findFirst()
        .map(StackWalker.StackFrame::toStackTraceElement)
        .orElse(null));
  }

  private boolean isSkipped(Class<?> type) {
    String name = type.getName();
    if (startsWithAny(name, ALWAYS_SKIPPED) || startsWithAny(name, skipped)) {
      return true;
    }
    return name.startsWith("dev.hotpath.pool.")
        && Objects.equals(type.getProtectionDomain().getCodeSource(), LIBRARY);
  }

  private static boolean startsWithAny(String name, String[] prefixes) {
    for (String prefix : prefixes) {
      if (name.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }
}
