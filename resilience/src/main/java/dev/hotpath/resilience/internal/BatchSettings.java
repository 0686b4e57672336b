package dev.hotpath.resilience.internal;

import dev.hotpath.resilience.Backpressure;
import dev.hotpath.resilience.BatchFunction;
import dev.hotpath.resilience.JobListener;
import java.time.Duration;

/**
 * The settings of one batch processor: {@code BatchProcessorBuilder} writes each option here as it
 * validates it, and {@code build()} hands {@link DefaultBatchProcessor} a {@link #copy()}, which
 * nothing changes afterwards. A new option is a field here (with its default) and a builder
 * method; the processor reads the field.
 *
 * @param <I> the input type
 * @param <O> the output type
 */
public final class BatchSettings<I, O>
    extends ListenedSettings<JobListener<I, O>, BatchSettings<I, O>> {
  /** The processor's name. */
  public final String name;
  /** Turns a batch of inputs into their outputs. */
  public final BatchFunction<I, O> function;
  /** The most jobs queued at once. */
  public int queueCapacity = 1_000;
  /** The most inputs handed to one call of the function. */
  public int batchSize = 100;
  /** How long a worker waits for a batch to fill. */
  public Duration linger = Duration.ofMillis(10);
  /** The number of worker threads. */
  public int workers = 1;
  /** What {@code submit} does when the queue is full. */
  public Backpressure backpressure = Backpressure.REJECT;
  /** How long {@code submit} blocks under {@link Backpressure#BLOCK}. */
  public Duration maxBlock = Duration.ZERO;
  /** How long {@code close} waits for queued jobs. */
  public Duration closeTimeout = Duration.ofSeconds(30);
  /** How many finished jobs stay queryable. */
  public int retainFinished = 10_000;

  /**
   * Starts the settings of a processor with every default.
   *
   * @param name the processor's name, already validated
   * @param function the batch function
   */
  public BatchSettings(String name, BatchFunction<I, O> function) {
    this.name = name;
    this.function = function;
  }
}
