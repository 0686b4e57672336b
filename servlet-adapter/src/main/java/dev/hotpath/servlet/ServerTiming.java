package dev.hotpath.servlet;

import dev.hotpath.core.UnitOfWork;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@code Server-Timing} entries of one request, hung on the request's root
 * {@link UnitOfWork} by {@link TimingFilter}. Any code running in the request (or in tasks
 * wrapped with {@link UnitOfWork#wrap(Runnable)}) adds entries, e.g. database time:
 *
 * <pre>{@code
 * ServerTiming.current().ifPresent(t -> t.add("db", Duration.ofMillis(4), "3 queries"));
 * }</pre>
 *
 * <p>Thread-safe. At most {@link #MAX_ENTRIES} entries are kept per request; more are dropped,
 * so a loop cannot grow the header without bound.
 */
public final class ServerTiming {
  /** The attachment key on the root unit of work. */
  public static final UnitOfWork.Key<ServerTiming> KEY = UnitOfWork.Key.of("hotpath.server-timing");

  /** The most entries one request keeps. */
  public static final int MAX_ENTRIES = 32;

  private final ConcurrentLinkedQueue<Entry> entries = new ConcurrentLinkedQueue<>();
  private final AtomicInteger size = new AtomicInteger();

  /** Creates an empty set of entries; {@link TimingFilter} makes one per request. */
  public ServerTiming() {}

  /**
   * Returns the entries of the current request: those attached to the root of the current
   * unit of work, if a {@link TimingFilter} opened one.
   *
   * @return the entries, or empty outside a timed request
   */
  public static Optional<ServerTiming> current() {
    return UnitOfWork.current().flatMap(unit -> unit.root().attachment(KEY));
  }

  /**
   * Adds an entry.
   *
   * @param name the metric name, an HTTP token such as {@code db} or {@code cache-hit}
   * @param duration how long it took, not negative
   * @param description a human-readable note, or null
   * @return false when the entry was dropped because {@link #MAX_ENTRIES} were already added
   * @throws IllegalArgumentException when the name is not a token or the duration is negative
   */
  public boolean add(String name, Duration duration, String description) {
    if (name == null || name.isEmpty() || !isToken(name)) {
      throw new IllegalArgumentException("Server-Timing name must be an HTTP token, was " + name);
    }
    if (duration == null || duration.isNegative()) {
      throw new IllegalArgumentException("Server-Timing duration must not be negative, was " + duration);
    }
    if (size.incrementAndGet() > MAX_ENTRIES) {
      size.decrementAndGet();
      return false;
    }
    entries.add(new Entry(name, duration.toNanos(), description));
    return true;
  }

  private static boolean isToken(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /**
   * Formats the header value: {@code total} first, then the entries in the order added.
   *
   * @param totalNanos the total time so far
   * @return e.g. {@code total;dur=12.345, db;dur=4.000;desc="3 queries"}
   */
  public String headerValue(long totalNanos) {
    StringBuilder header = new StringBuilder(32 + 48 * size.get());
    header.append("total;dur=");
    appendMillis(header, totalNanos);
    for (Entry entry : entries) {
      header.append(", ").append(entry.name).append(";dur=");
      appendMillis(header, entry.nanos);
      if (entry.description != null) {
        header.append(";desc=\"");
        for (int i = 0; i < entry.description.length(); i++) {
          char c = entry.description.charAt(i);
          if (c == '"' || c == '\\') {
            header.append('\\').append(c);
          } else if (c >= 0x20 && c < 0x7f) {
            header.append(c);
          }
        }
        header.append('"');
      }
    }
    return header.toString();
  }

  private static void appendMillis(StringBuilder out, long nanos) {
    long micros = nanos / 1000;
    long fraction = micros % 1000;
    out.append(micros / 1000).append('.');
    if (fraction < 100) {
      out.append('0');
    }
    if (fraction < 10) {
      out.append('0');
    }
    out.append(fraction);
  }

  private record Entry(String name, long nanos, String description) {}
}
