package dev.hotpath.metrics;

import java.time.Duration;
import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;

/**
 * {@link LatencyRecorder}s by {@link MetricId} (a name plus tags), with a hard cap on how many
 * series each name has, so that fingerprints, routes or cache names taken from traffic can never
 * exhaust memory (invariant 7).
 *
 * <p>The first {@link #maxSeriesPerName()} distinct ids of a name each get a recorder of their
 * own. Once a name has that many, every further new id of it shares the name's overflow series
 * ({@link MetricId#overflow()}: the same keys, every value {@value MetricId#OVERFLOW_VALUE}), and
 * each such refusal is counted in {@link #refusedNames()}. Series never expire. Names come from
 * code (they are lower-case dotted words, see {@link MetricId}); values taken from traffic are
 * tags, never part of a name. Should names come from somewhere else, the registry still holds at
 * most {@value #MAX_METRIC_NAMES} of them: ids of later names share the untagged series
 * {@code hotpath.other}, counted as refused too.
 *
 * <p>Looking up an existing series is lock-free; creating one briefly locks that id's slot. All
 * methods are thread-safe.
 */
public final class LatencyRegistry {
  /** The most distinct metric names a registry holds; names come from code, so this is far off. */
  public static final int MAX_METRIC_NAMES = 1000;

  /** The series that takes every id whose name came after {@link #MAX_METRIC_NAMES} others. */
  public static final MetricId OTHER_NAMES = MetricId.of("hotpath.other");

  private final int maxSeriesPerName;
  private final LatencyRecorder.Builder template;
  private final ConcurrentHashMap<MetricId, LatencyRecorder> series = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, AtomicInteger> admittedPerName = new ConcurrentHashMap<>();
  private final LongAdder refused = new LongAdder();
  private final CopyOnWriteArrayList<BiConsumer<? super MetricId, ? super LatencyRecorder>>
      newSeriesListeners = new CopyOnWriteArrayList<>();

  private LatencyRegistry(Builder builder) {
    this.maxSeriesPerName = builder.maxSeriesPerName;
    this.template = builder.template.copy();
  }

  /**
   * Creates a registry of at most 1000 series per name whose recorders use
   * {@link LatencyRecorder#create()}'s defaults.
   *
   * @return a new, empty registry
   */
  public static LatencyRegistry create() {
    return builder().build();
  }

  /**
   * Starts configuring a registry.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the recorder of a series, creating it if its name's cap allows; otherwise the name's
   * overflow series. Never fails for a valid id: ids are checked when they are made.
   *
   * @param id the series, such as {@code hotpath.pool.statement{fingerprint=..., pool=main}}
   * @return the series' recorder, or its name's overflow recorder when the cap is reached
   * @throws NullPointerException if {@code id} is null
   */
  public LatencyRecorder recorder(MetricId id) {
    Objects.requireNonNull(id, "id must not be null");
    return lookup(id);
  }

  /**
   * Records a latency in a series; see {@link #recorder(MetricId)}.
   *
   * @param id the series
   * @param nanos the latency in nanoseconds; see {@link LatencyRecorder#record(long)}
   * @throws NullPointerException if {@code id} is null
   */
  public void record(MetricId id, long nanos) {
    recorder(id).record(nanos);
  }

  /**
   * Returns the recorder of a series if it exists, never creating one.
   *
   * @param id the series
   * @return the recorder, or empty when the series was never admitted
   */
  public Optional<LatencyRecorder> find(MetricId id) {
    return id == null ? Optional.empty() : Optional.ofNullable(series.get(id));
  }

  /**
   * Returns every series, sorted by id, including overflow series once used.
   *
   * @return an unmodifiable copy of the current series
   */
  public SortedMap<MetricId, LatencyRecorder> series() {
    return Collections.unmodifiableSortedMap(new TreeMap<>(series));
  }

  /**
   * Calls {@code listener} with each series created from now on, on the thread that creates it,
   * after it is visible to lookups. Used to bind new series to other metric systems; existing
   * series are available from {@link #series()}.
   *
   * @param listener called with the new id and its recorder; must not throw
   * @throws NullPointerException if {@code listener} is null
   */
  public void onNewSeries(BiConsumer<? super MetricId, ? super LatencyRecorder> listener) {
    newSeriesListeners.add(Objects.requireNonNull(listener, "listener must not be null"));
  }

  /**
   * Returns how many times a series was refused a recorder of its own, because its name's cap
   * was reached, and was recorded in the overflow series instead.
   * Every refused lookup counts, so one id refused twice counts twice: counting distinct ids
   * would itself need memory without bound.
   *
   * @return the number of refusals since creation
   */
  public long refusedNames() {
    return refused.sum();
  }

  /**
   * Returns the cap on series of one name with a recorder of their own.
   *
   * @return the maximum number of series per name, not counting the overflow series
   */
  public int maxSeriesPerName() {
    return maxSeriesPerName;
  }

  /**
   * Returns the sliding window of this registry's recorders.
   *
   * @return the window length every recorder uses
   */
  public Duration window() {
    return template.window();
  }

  private LatencyRecorder lookup(MetricId id) {
    LatencyRecorder existing = series.get(id);
    if (existing != null) {
      return existing;
    }
    if (!admitName(id.name())) {
      refused.increment();
      return lookup(OTHER_NAMES);
    }
    LatencyRecorder[] created = new LatencyRecorder[1];
    // An overflow series, and the one untagged series a name can have, never count against the
    // cap: there is at most one of each per name and tag keys.
    boolean uncapped = id.isOverflow() || id.tags().isEmpty();
    LatencyRecorder recorder = series.computeIfAbsent(id, key -> {
      if (!uncapped && !admitOneMore(key.name())) {
        return null;
      }
      created[0] = template.build();
      return created[0];
    });
    if (recorder == null) {
      refused.increment();
      return lookup(id.overflow());
    }
    if (created[0] != null) {
      newSeriesListeners.forEach(listener -> listener.accept(id, created[0]));
    }
    return recorder;
  }

  // Racing threads may each admit one name past the cap: the bound is the cap plus the threads.
  private boolean admitName(String name) {
    if (admittedPerName.containsKey(name) || name.equals(OTHER_NAMES.name())) {
      return true;
    }
    if (admittedPerName.size() >= MAX_METRIC_NAMES) {
      return false;
    }
    admittedPerName.putIfAbsent(name, new AtomicInteger());
    return true;
  }

  private boolean admitOneMore(String name) {
    AtomicInteger admitted = admittedPerName.computeIfAbsent(name, key -> new AtomicInteger());
    while (true) {
      int count = admitted.get();
      if (count >= maxSeriesPerName) {
        return false;
      }
      if (admitted.compareAndSet(count, count + 1)) {
        return true;
      }
    }
  }

  /** Configures a {@link LatencyRegistry}; each setter validates its argument at once. */
  public static final class Builder {
    private int maxSeriesPerName = 1000;
    private LatencyRecorder.Builder template = LatencyRecorder.builder();

    private Builder() {}

    /**
     * Sets the cap on series of one name with a recorder of their own (invariant 7).
     *
     * @param max at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code max} is below 1
     */
    public Builder maxSeriesPerName(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxSeriesPerName must be at least 1, was " + max);
      }
      this.maxSeriesPerName = max;
      return this;
    }

    /**
     * Sets the settings every recorder of the registry is built with. The registry copies them when
     * it is built; later changes to {@code template} do not affect it.
     *
     * @param template the recorder settings
     * @return this builder
     * @throws NullPointerException if {@code template} is null
     */
    public Builder recorder(LatencyRecorder.Builder template) {
      this.template = Objects.requireNonNull(template, "recorder template must not be null");
      return this;
    }

    /**
     * Builds an empty registry.
     *
     * @return the registry
     */
    public LatencyRegistry build() {
      return new LatencyRegistry(this);
    }
  }
}
