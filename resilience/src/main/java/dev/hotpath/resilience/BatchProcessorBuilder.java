package dev.hotpath.resilience;

import dev.hotpath.core.Check;
import dev.hotpath.resilience.internal.BatchSettings;
import dev.hotpath.resilience.internal.DefaultBatchProcessor;
import java.time.Duration;

/**
 * Configures a {@link BatchProcessor}; each method checks its argument at once and throws
 * {@link IllegalArgumentException} naming the bad value and the rule (a null argument: {@link
 * NullPointerException}). Calling a method again replaces what it set before, except {@link
 * #listener}, which adds one.
 *
 * @param <I> the input type
 * @param <O> the output type
 */
public final class BatchProcessorBuilder<I, O> {
  /** The options set so far; each method writes one after validating it. */
  private final BatchSettings<I, O> settings;

  BatchProcessorBuilder(String name, BatchFunction<I, O> function) {
    this.settings = new BatchSettings<>(Check.notBlank(name, "batch processor name"),
        Check.notNull(function, "batch function"));
  }

  /**
   * Bounds the queue (default 1000).
   *
   * @param capacity jobs that may wait; at least 1
   * @return this builder
   * @throws IllegalArgumentException if {@code capacity} is below 1
   */
  public BatchProcessorBuilder<I, O> queueCapacity(int capacity) {
    settings.queueCapacity = Check.atLeast(capacity, 1, "queue capacity");
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
    settings.batchSize = Check.atLeast(size, 1, "batch size");
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
    settings.linger = Check.notNegative(linger, "linger");
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
    settings.workers = Check.atLeast(workers, 1, "workers");
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
    Check.notNull(mode, "backpressure");
    settings.maxBlock = Check.notNegative(maxBlock, "backpressure maxBlock");
    settings.backpressure = mode;
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
    settings.closeTimeout = Check.notNegative(timeout, "close timeout");
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
    Check.argument(jobs >= 0, "retained finished jobs must not be negative, was %d", jobs);
    settings.retainFinished = jobs;
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
    settings.listeners.add(Check.notNull(listener, "listener"));
    return this;
  }

  /**
   * Builds the processor and starts its workers.
   *
   * @return the running processor
   */
  public BatchProcessor<I, O> build() {
    return new DefaultBatchProcessor<>(settings.copy());
  }

}
