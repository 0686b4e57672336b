package dev.hotpath.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The timing entries of one request, in the model of the W3C {@code Server-Timing} header (a
 * name, a duration, a description), hung on the request's root {@link UnitOfWork} under
 * {@link #KEY}. An adapter such as the servlet {@code TimingFilter} attaches one per request and
 * turns it into the header with {@link #headerValue(long)}; every block and the application add
 * entries to it from any thread the request runs on (or is carried to with
 * {@link UnitOfWork#wrap(Runnable)}).
 *
 * <p>Two kinds of entry:
 *
 * <ul>
 *   <li>{@link #add} appends one entry per call, e.g. {@code render;dur=3.2}.
 *   <li>{@link #accumulate(Metric, long)} sums time and counts calls into one entry per
 *       {@link Metric}, e.g. {@code db;dur=12.3;desc="5 queries"} after five statements. It is
 *       built for hot paths: it never throws and allocates only when a request first uses the
 *       metric.
 * </ul>
 *
 * <pre>{@code
 * static final ServerTiming.Metric DB = ServerTiming.Metric.counted("db", "query", "queries");
 * long start = System.nanoTime();
 * runQuery();
 * ServerTiming.accumulateCurrent(DB, System.nanoTime() - start); // no-op outside a request
 * }</pre>
 *
 * <p>Thread-safe and lock-free. At most {@link #MAX_ENTRIES} entries are kept per request, both
 * kinds together; more are dropped, so a loop cannot grow the header without bound. Entries keep
 * the order in which they were first added.
 */
public final class ServerTiming {
  /** The attachment key on the root unit of work. */
  public static final UnitOfWork.Key<ServerTiming> KEY = UnitOfWork.Key.of("hotpath.server-timing");

  /** The most entries one request keeps. */
  public static final int MAX_ENTRIES = 32;

  /** The most characters of a description that reach the header; the rest is cut. */
  public static final int MAX_DESCRIPTION_LENGTH = 128;

  private static final VarHandle HEAD;

  static {
    try {
      HEAD = MethodHandles.lookup().findVarHandle(ServerTiming.class, "head", Slot.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  // An append-only list, linked by CAS on the last link: a request that adds nothing costs this
  // object alone, and an accumulating metric gets exactly one slot even when threads race to
  // create it (the loser finds the winner's slot where it tried to append).
  private volatile Slot head;

  /** Creates an empty set of entries; an adapter makes one per request. */
  public ServerTiming() {}

  /**
   * Returns the entries of the current request: those attached to the root of the current unit of
   * work. Costs one thread-local read when no unit of work is current.
   *
   * @return the entries, or empty when no unit is current or its root has none attached
   */
  public static Optional<ServerTiming> current() {
    return UnitOfWork.current().flatMap(ServerTiming::of);
  }

  /**
   * Returns the entries attached to the root of {@code unit}, for code that already holds the
   * current unit and should not look it up again.
   *
   * @param unit any unit of the request; must not be null
   * @return the entries, or empty when the root has none attached
   * @throws NullPointerException if {@code unit} is null
   */
  public static Optional<ServerTiming> of(UnitOfWork unit) {
    Objects.requireNonNull(unit, "unit must not be null");
    return unit.root().attachment(KEY);
  }

  /**
   * Accumulates into {@code metric}'s entry of the current request, if there is one: the same as
   * {@code current().ifPresent(t -> t.accumulate(metric, nanos))} without the lambda. Never throws.
   *
   * @param metric the entry to add to; null is ignored
   * @param nanos the time to add; negative counts as zero
   * @return true if the time was added, false outside a request or when the entry was dropped
   */
  public static boolean accumulateCurrent(Metric metric, long nanos) {
    UnitOfWork unit = UnitOfWork.currentOrNull();
    if (unit == null) {
      return false;
    }
    ServerTiming timing = unit.root().attachmentOrNull(KEY);
    return timing != null && timing.accumulate(metric, nanos);
  }

  /**
   * Adds one entry.
   *
   * @param name the metric name, an HTTP token such as {@code db} or {@code cache-hit}
   * @param duration how long it took, not negative
   * @param description a human-readable note, or null (or empty) for none
   * @return false when the entry was dropped because {@link #MAX_ENTRIES} entries exist already
   * @throws IllegalArgumentException when the name is not a token or the duration is null or
   *     negative
   */
  public boolean add(String name, Duration duration, String description) {
    Metric.requireToken(name);
    if (duration == null || duration.isNegative()) {
      throw new IllegalArgumentException(
          "Server-Timing duration must not be negative, was " + duration);
    }
    Slot slot = new Slot(name, null, description == null ? "" : description);
    slot.nanos = duration.toNanos();
    slot.count = 1;
    return findOrAppend(null, slot) != null;
  }

  /**
   * Adds {@code nanos} to the entry of {@code metric} and counts one more call, creating the entry
   * at the end if this request has none yet. Lock-free; never throws.
   *
   * @param metric the entry to add to; entries match by metric name, so equal names share one
   *     entry; null is ignored
   * @param nanos the time to add; negative counts as zero
   * @return false when nothing was added: {@code metric} is null, or the entry is new and
   *     {@link #MAX_ENTRIES} entries exist already
   */
  public boolean accumulate(Metric metric, long nanos) {
    if (metric == null) {
      return false;
    }
    Slot slot = findOrAppend(metric, null);
    if (slot == null) {
      return false;
    }
    slot.add(Math.max(0, nanos));
    return true;
  }

  /**
   * Walks the entries and returns the first that accumulates {@code metric}, or else appends a
   * slot at the end: {@code fresh}, or a new one for {@code metric} when it is null.
   *
   * @return the slot found or appended, or null when the list is full
   */
  private Slot findOrAppend(Metric metric, Slot fresh) {
    Slot previous = null;
    Slot slot = (Slot) HEAD.getVolatile(this);
    int passed = 0;
    while (true) {
      if (slot == null) {
        if (passed >= MAX_ENTRIES) {
          return null;
        }
        if (fresh == null) {
          fresh = new Slot(metric.name, metric, "");
        }
        boolean linked = previous == null
            ? HEAD.compareAndSet(this, null, fresh) : previous.link(fresh);
        if (linked) {
          return fresh;
        }
        // Another thread appended first: look at its slot, maybe it is this very metric.
        slot = previous == null ? (Slot) HEAD.getVolatile(this) : previous.next;
      }
      if (metric != null && slot.accumulates(metric)) {
        return slot;
      }
      previous = slot;
      slot = slot.next;
      passed++;
    }
  }

  /**
   * Returns a snapshot of the entries in the order they were first added. An accumulating entry's
   * time and count are read one after the other, so while other threads add to it they may be one
   * call apart.
   *
   * @return the entries, at most {@link #MAX_ENTRIES}
   */
  public List<Entry> entries() {
    List<Entry> entries = new ArrayList<>();
    for (Slot slot = (Slot) HEAD.getVolatile(this); slot != null; slot = slot.next) {
      long count = slot.count;
      entries.add(new Entry(slot.name, Duration.ofNanos(slot.nanos), count, slot.description(count)));
    }
    return entries;
  }

  /**
   * Formats the {@code Server-Timing} header value: {@code total} first, then the entries in the
   * order they were first added, durations in milliseconds with three decimals. Descriptions are
   * quoted strings (RFC 9110): {@code "} and {@code \} are escaped, other characters outside
   * printable ASCII are left out, and at most {@link #MAX_DESCRIPTION_LENGTH} characters are kept,
   * so hostile text can neither break out of the header nor grow it without bound.
   *
   * @param totalNanos the total time so far
   * @return e.g. {@code total;dur=12.345, db;dur=4.000;desc="3 queries"}
   */
  public String headerValue(long totalNanos) {
    StringBuilder header = new StringBuilder(64);
    header.append("total;dur=");
    appendMillis(header, totalNanos);
    for (Slot slot = (Slot) HEAD.getVolatile(this); slot != null; slot = slot.next) {
      long count = slot.count;
      header.append(", ").append(slot.name).append(";dur=");
      appendMillis(header, slot.nanos);
      appendDescription(header, slot.description(count));
    }
    return header.toString();
  }

  private static void appendDescription(StringBuilder out, String description) {
    if (description.isEmpty()) {
      return;
    }
    out.append(";desc=\"");
    int end = Math.min(description.length(), MAX_DESCRIPTION_LENGTH);
    for (int i = 0; i < end; i++) {
      char c = description.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c >= 0x20 && c < 0x7f) {
        out.append(c);
      }
    }
    out.append('"');
  }

  private static void appendMillis(StringBuilder out, long nanos) {
    long micros = Math.max(0, nanos) / 1000;
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

  /**
   * One entry as read by {@link #entries()}.
   *
   * @param name the metric name
   * @param duration the time: as added, or summed over the calls of an accumulating entry
   * @param count 1 for an added entry; the number of calls for an accumulating one
   * @param description the description as given, or for an accumulating metric with labels the
   *     count with its label ({@code "5 queries"}); empty for none
   */
  public record Entry(String name, Duration duration, long count, String description) {}

  /**
   * The name (and optional count labels) of an entry that {@link #accumulate(Metric, long)} sums
   * into. Validated once when created, so keep each in a {@code static final} field and the hot
   * path checks nothing.
   */
  public static final class Metric {
    private final String name;
    private final String one;
    private final String many;

    private Metric(String name, String one, String many) {
      this.name = name;
      this.one = one;
      this.many = many;
    }

    /**
     * A metric that sums time and shows no description.
     *
     * @param name the entry name, an HTTP token such as {@code render}
     * @return the metric
     * @throws IllegalArgumentException when the name is not a token
     */
    public static Metric timed(String name) {
      requireToken(name);
      return new Metric(name, null, null);
    }

    /**
     * A metric that sums time and describes the count: {@code desc="1 query"},
     * {@code desc="5 queries"}.
     *
     * @param name the entry name, an HTTP token such as {@code db}
     * @param one the label after a count of 1, e.g. {@code query}
     * @param many the label after any other count, e.g. {@code queries}
     * @return the metric
     * @throws IllegalArgumentException when the name is not a token or a label is null or blank
     */
    public static Metric counted(String name, String one, String many) {
      requireToken(name);
      return new Metric(name, requireLabel(one, "one"), requireLabel(many, "many"));
    }

    /**
     * Returns the entry name.
     *
     * @return the name
     */
    public String name() {
      return name;
    }

    @Override
    public String toString() {
      return "Metric[" + name + "]";
    }

    private String describe(long count) {
      return one == null ? "" : count + " " + (count == 1 ? one : many);
    }

    private static String requireLabel(String label, String which) {
      if (label == null || label.isBlank()) {
        throw new IllegalArgumentException(
            "Server-Timing count label '" + which + "' must not be blank, was " + label);
      }
      return label;
    }

    static void requireToken(String name) {
      if (name == null || name.isEmpty() || !isToken(name)) {
        throw new IllegalArgumentException("Server-Timing name must be an HTTP token, was " + name);
      }
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
  }

  /** One entry: immutable when added, summed into when it belongs to a metric. */
  private static final class Slot {
    private static final VarHandle NANOS;
    private static final VarHandle COUNT;
    private static final VarHandle NEXT;

    static {
      try {
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        NANOS = lookup.findVarHandle(Slot.class, "nanos", long.class);
        COUNT = lookup.findVarHandle(Slot.class, "count", long.class);
        NEXT = lookup.findVarHandle(Slot.class, "next", Slot.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    final String name;
    final Metric metric;
    private final String description;
    volatile long nanos;
    volatile long count;
    volatile Slot next;

    Slot(String name, Metric metric, String description) {
      this.name = name;
      this.metric = metric;
      this.description = description;
    }

    boolean accumulates(Metric other) {
      return metric != null && (metric == other || metric.name.equals(other.name));
    }

    boolean link(Slot fresh) {
      return NEXT.compareAndSet(this, null, fresh);
    }

    void add(long addNanos) {
      NANOS.getAndAdd(this, addNanos);
      COUNT.getAndAdd(this, 1L);
    }

    String description(long currentCount) {
      return metric == null ? description : metric.describe(currentCount);
    }
  }
}
