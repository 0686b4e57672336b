package dev.hotpath.pool.internal;

import java.security.CodeSource;
import java.util.Objects;

/**
 * Finds where a statement was issued from: the first stack frame that belongs neither to this
 * library's jar nor to JDBC ({@code java.sql}, {@code javax.sql}) or HikariCP. The library is
 * recognised by its code source, not by package name, so that code in a {@code dev.hotpath.pool}
 * package of another jar (or test classes) still counts as the caller. Only walked when an N+1
 * report is made, never per statement.
 */
final class CallSites {

  private static final StackWalker WALKER =
      StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
  private static final CodeSource LIBRARY = CallSites.class.getProtectionDomain().getCodeSource();

  private CallSites() {}

  static StackTraceElement firstOutsideLibrary() {
    return WALKER.walk(frames -> frames
        .filter(frame -> !isLibrary(frame.getDeclaringClass()))
        .findFirst()
        .map(StackWalker.StackFrame::toStackTraceElement)
        .orElse(null));
  }

  private static boolean isLibrary(Class<?> type) {
    String name = type.getName();
    if (name.startsWith("java.sql.") || name.startsWith("javax.sql.")
        || name.startsWith("com.zaxxer.hikari.")) {
      return true;
    }
    return name.startsWith("dev.hotpath.pool.")
        && Objects.equals(type.getProtectionDomain().getCodeSource(), LIBRARY);
  }
}
