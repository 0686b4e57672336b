package dev.hotpath.resilience;

import java.time.Duration;
import java.util.Optional;

/**
 * A bounded queue whose workers take jobs in batches (up to a batch size, waiting at most a
 * linger time for a batch to fill) and process each batch with one {@link BatchFunction} call.
 *
 * <p>Guarantees: every submitted job ends in exactly one of SUCCEEDED, FAILED or REJECTED, or is
 * listed as unfinished in the {@link CloseReport} of a close that timed out; no accepted job is
 * dropped silently. Jobs are queryable by id while queued or running, and for a configured number
 * of jobs after they finish.
 *
 * @param <I> the input type
 * @param <O> the output type
 */
public interface BatchProcessor<I, O> extends AutoCloseable {

  /**
   * Starts configuring a processor.
   *
   * @param name the processor's name, for its worker threads and messages
   * @param function processes one batch
   * @param <I> the input type
   * @param <O> the output type
   * @return a new builder
   * @throws IllegalArgumentException if {@code name} is null or blank
   * @throws NullPointerException if {@code function} is null
   */
  static <I, O> BatchProcessorBuilder<I, O> builder(String name, BatchFunction<I, O> function) {
    return new BatchProcessorBuilder<>(name, function);
  }

  /**
   * Submits one input. When the queue is full the job is rejected at once or after waiting for
   * room, as configured; after close every job is rejected. A rejected job is returned with
   * status REJECTED and a result failed with {@link JobRejectedException}.
   *
   * @param input the input
   * @return the job, QUEUED (or already further) or REJECTED
   * @throws NullPointerException if {@code input} is null
   */
  Job<I, O> submit(I input);

  /**
   * Finds a job that is queued, running, or among the most recently finished.
   *
   * @param id the job's id
   * @return the job, or empty when unknown or no longer retained
   */
  Optional<Job<I, O>> job(long id);

  /**
   * Returns the number of jobs waiting in the queue.
   *
   * @return the queue's length now
   */
  int queued();

  /**
   * Stops accepting jobs, lets the workers finish every queued and running job for up to
   * {@code timeout}, then abandons what is left and interrupts the workers. Calling it again
   * returns the first report.
   *
   * @param timeout how long to wait for the queue to drain; zero or more
   * @return what was done and what was not
   * @throws IllegalArgumentException if {@code timeout} is negative
   */
  CloseReport<I, O> close(Duration timeout);

  /** Closes with the configured close timeout; see {@link #close(Duration)}. */
  @Override
  void close();
}
