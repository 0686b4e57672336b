package dev.hotpath.resilience;

import dev.hotpath.resilience.internal.BatchSettings;
import dev.hotpath.resilience.internal.DefaultBatchProcessor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Configures a {@link BatchProcessor}; each method checks its argument at once and throws
 * {@link IllegalArgumentException} naming the bad value and the rule.
 *
 * @param <I> the input type
 * @param <O> the output type
 */
public final class BatchProcessorBuilder<I, O> {
  private final String name;
  private final BatchFunction<I, O> function;
  private int queueCapacity = 1_000;
  private int batchSize = 100;
  private Duration linger = Duration.ofMillis(10);
  private int workers = 1;
  private Backpressure backpressure = Backpressure.REJECT;
  private Duration maxBlock = Duration.ZERO;
  private Duration closeTimeout = Duration.ofSeconds(30);
  private int retainFinished = 10_000;
  private final List<JobListener<I, O>> listeners = new ArrayList<>();

  BatchProcessorBuilder(String name, BatchFunction<I, O> function) {
    this.name = ConfigChecks.name("batch processor name", name);
    this.function = Objects.requireNonNull(function, "batch function");
  }

  /**
   * Bounds the queue (default 1000).
   *
   * @param capacity jobs that may wait; at least 1
   * @return this builder
   * @throws IllegalArgumentException if {@code capacity} is below 1
   */
  public BatchProcessorBuilder<I, O> queueCapacity(int capacity) {
    this.queueCapacity = ConfigChecks.atLeastOne("queue capacity", capacity);
    return this;
  }

  /**
   * Sets the most jobs per batch (default 100).
   *
   * @param size at least 1
   * @return this builder
   * @throws IllegalArgumentException if {@code size} is below 1
   */
  public BatchProcessorBuilder<I, O> batchSize(int size) {
    this.batchSize = ConfigChecks.atLeastOne("batch size", size);
    return this;
  }

  /**
   * Sets how long a worker holding fewer than a full batch waits for more jobs (default 10 ms).
   *
   * @param linger zero or more
   * @return this builder
   * @throws IllegalArgumentException if {@code linger} is negative
   */
  public BatchProcessorBuilder<I, O> linger(Duration linger) {
    this.linger = ConfigChecks.notNegative("linger", linger);
    return this;
  }

  /**
   * Sets how many batches run at once (default 1).
   *
   * @param workers worker threads; at least 1
   * @return this builder
   * @throws IllegalArgumentException if {@code workers} is below 1
   */
  public BatchProcessorBuilder<I, O> workers(int workers) {
    this.workers = ConfigChecks.atLeastOne("workers", workers);
    return this;
  }

  /**
   * Chooses what a submit does on a full queue (default: reject at once).
   *
   * @param mode reject, or block
   * @param maxBlock with {@link Backpressure#BLOCK}, how long to wait for room; zero or more
   * @return this builder
   * @throws IllegalArgumentException if {@code maxBlock} is negative
   * @throws NullPointerException if {@code mode} is null
   */
  public BatchProcessorBuilder<I, O> backpressure(Backpressure mode, Duration maxBlock) {
    this.backpressure = Objects.requireNonNull(mode, "backpressure");
    this.maxBlock = ConfigChecks.notNegative("backpressure maxBlock", maxBlock);
    return this;
  }

  /**
   * Sets how long {@link BatchProcessor#close()} waits for the queue to drain (default 30 s).
   *
   * @param timeout zero or more
   * @return this builder
   * @throws IllegalArgumentException if {@code timeout} is negative
   */
  public BatchProcessorBuilder<I, O> closeTimeout(Duration timeout) {
    this.closeTimeout = ConfigChecks.notNegative("close timeout", timeout);
    return this;
  }

  /**
   * Sets how many finished jobs stay queryable by id (default 10,000; oldest forgotten first).
   *
   * @param jobs zero or more
   * @return this builder
   * @throws IllegalArgumentException if {@code jobs} is negative
   */
  public BatchProcessorBuilder<I, O> retainFinished(int jobs) {
    if (jobs < 0) {
      throw new IllegalArgumentException("retained finished jobs must not be negative, was " + jobs);
    }
    this.retainFinished = jobs;
    return this;
  }

  /**
   * Adds a listener told of every job status.
   *
   * @param listener the listener
   * @return this builder
   * @throws NullPointerException if {@code listener} is null
   */
  public BatchProcessorBuilder<I, O> listener(JobListener<I, O> listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
    return this;
  }

  /**
   * Builds the processor and starts its workers.
   *
   * @return the running processor
   */
  public BatchProcessor<I, O> build() {
    return new DefaultBatchProcessor<>(new BatchSettings<>(name, function, queueCapacity, batchSize,
        linger, workers, backpressure, maxBlock, closeTimeout, retainFinished, List.copyOf(listeners)));
  }

}
