package dev.hotpath.metrics;

import dev.hotpath.metrics.internal.MetricNames;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;

/**
 * Named {@link LatencyRecorder}s with a hard cap on how many names exist, so that route, query or
 * cache names taken from traffic can never exhaust memory.
 *
 * <p>The first {@link #maxNames()} distinct names each get a recorder of their own. Once the cap is
 * reached, every further new name shares the recorder named {@value #OVERFLOW_NAME}, and each such
 * refusal is counted in {@link #refusedNames()}. Names never expire.
 *
 * <p>A name is 1 to 200 characters, not blank, without control characters. Looking up an
 * existing name is lock-free; creating a recorder for a new name briefly locks that name's slot.
 * All methods are thread-safe.
 */
public final class LatencyRegistry {
  /** The name of the recorder shared by every name refused for the cap or for being invalid. */
  public static final String OVERFLOW_NAME = "other";

  private final int maxNames;
  private final LatencyRecorder.Builder template;
  private final ConcurrentHashMap<String, LatencyRecorder> recorders = new ConcurrentHashMap<>();
  private final AtomicInteger admitted = new AtomicInteger();
  private final LongAdder refused = new LongAdder();
  private final CopyOnWriteArrayList<BiConsumer<? super String, ? super LatencyRecorder>>
      newRecorderListeners = new CopyOnWriteArrayList<>();

  private LatencyRegistry(Builder builder) {
    this.maxNames = builder.maxNames;
    this.template = builder.template.copy();
  }

  /**
   * Creates a registry of at most 1000 names whose recorders use {@link LatencyRecorder#create()}'s
   * defaults.
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
   * Returns the recorder of a name, creating it if the cap allows; otherwise the shared
   * {@value #OVERFLOW_NAME} recorder. Asking for {@value #OVERFLOW_NAME} itself returns the shared
   * recorder without using up a name.
   *
   * @param name the name, such as {@code "GET /api/photos"}
   * @return the name's recorder, or the overflow recorder when the cap is reached
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException if {@code name} is blank, longer than 200 characters or
   *     contains control characters
   */
  public LatencyRecorder recorder(String name) {
    MetricNames.requireValid(name);
    return lookup(name);
  }

  /**
   * Records a latency under a name. Never throws: an invalid name (null, blank, too long, control
   * characters) is recorded under {@value #OVERFLOW_NAME} and counted as refused, like a name over
   * the cap.
   *
   * @param name the name
   * @param nanos the latency in nanoseconds; see {@link LatencyRecorder#record(long)}
   */
  public void record(String name, long nanos) {
    LatencyRecorder existing = name == null ? null : recorders.get(name);
    if (existing != null) {
      existing.record(nanos);
    } else if (MetricNames.problemWith(name) != null) {
      refused.increment();
      lookup(OVERFLOW_NAME).record(nanos);
    } else {
      lookup(name).record(nanos);
    }
  }

  /**
   * Returns the recorder of a name if it exists, never creating one.
   *
   * @param name the name
   * @return the recorder, or empty when the name was never admitted
   */
  public Optional<LatencyRecorder> find(String name) {
    return name == null ? Optional.empty() : Optional.ofNullable(recorders.get(name));
  }

  /**
   * Returns the window snapshot of every name, sorted by name, including {@value #OVERFLOW_NAME}
   * once it has been used.
   *
   * @return an unmodifiable map from name to window snapshot
   */
  public Map<String, LatencySnapshot> snapshots() {
    Map<String, LatencySnapshot> snapshots = new TreeMap<>();
    recorders.forEach((name, recorder) -> snapshots.put(name, recorder.snapshot()));
    return Collections.unmodifiableMap(snapshots);
  }

  /**
   * Returns every recorder by name, sorted by name, including {@value #OVERFLOW_NAME} once it has
   * been used.
   *
   * @return an unmodifiable copy of the current recorders
   */
  public Map<String, LatencyRecorder> recorders() {
    return Collections.unmodifiableMap(new TreeMap<>(recorders));
  }

  /**
   * Calls {@code listener} with each recorder created from now on, on the thread that creates it,
   * after it is visible to lookups. Used to bind new names to other metric systems; existing
   * recorders are available from {@link #recorders()}.
   *
   * @param listener called with the new name and its recorder; must not throw
   * @throws NullPointerException if {@code listener} is null
   */
  public void onNewRecorder(BiConsumer<? super String, ? super LatencyRecorder> listener) {
    newRecorderListeners.add(Objects.requireNonNull(listener, "listener must not be null"));
  }

  /**
   * Returns how many times a name was refused a recorder of its own, because the cap was reached
   * or the name was invalid, and was recorded under {@value #OVERFLOW_NAME} instead. Every refused
   * lookup counts, so one name refused twice counts twice: counting distinct names would itself
   * need memory without bound.
   *
   * @return the number of refusals since creation
   */
  public long refusedNames() {
    return refused.sum();
  }

  /**
   * Returns the cap on names with a recorder of their own.
   *
   * @return the maximum number of names, not counting {@value #OVERFLOW_NAME}
   */
  public int maxNames() {
    return maxNames;
  }

  /**
   * Returns the sliding window of this registry's recorders.
   *
   * @return the window length every recorder uses
   */
  public Duration window() {
    return template.window();
  }

  private LatencyRecorder lookup(String name) {
    LatencyRecorder existing = recorders.get(name);
    if (existing != null) {
      return existing;
    }
    LatencyRecorder[] created = new LatencyRecorder[1];
    boolean overflow = OVERFLOW_NAME.equals(name);
    LatencyRecorder recorder =
        recorders.computeIfAbsent(
            name,
            key -> {
              if (!overflow && !admitOneMore()) {
                return null;
              }
              created[0] = template.build();
              return created[0];
            });
    if (recorder == null) {
      refused.increment();
      return lookup(OVERFLOW_NAME);
    }
    if (created[0] != null) {
      newRecorderListeners.forEach(listener -> listener.accept(name, created[0]));
    }
    return recorder;
  }

  private boolean admitOneMore() {
    while (true) {
      int count = admitted.get();
      if (count >= maxNames) {
        return false;
      }
      if (admitted.compareAndSet(count, count + 1)) {
        return true;
      }
    }
  }

  /** Configures a {@link LatencyRegistry}; each setter validates its argument at once. */
  public static final class Builder {
    private int maxNames = 1000;
    private LatencyRecorder.Builder template = LatencyRecorder.builder();

    private Builder() {}

    /**
     * Sets the cap on names with a recorder of their own.
     *
     * @param maxNames at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code maxNames} is below 1
     */
    public Builder maxNames(int maxNames) {
      if (maxNames < 1) {
        throw new IllegalArgumentException("maxNames must be at least 1, was " + maxNames);
      }
      this.maxNames = maxNames;
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
