package dev.hotpath.resilience;

import java.util.concurrent.CompletableFuture;

/**
 * One item submitted to a {@link BatchProcessor}.
 *
 * @param <I> the input type
 * @param <O> the output type
 */
public interface Job<I, O> {

  /**
   * Returns the job's id, unique within its processor and increasing in submission order.
   *
   * @return the id
   */
  long id();

  /**
   * Returns what was submitted.
   *
   * @return the input
   */
  I input();

  /**
   * Returns the job's status now.
   *
   * @return the status
   */
  JobStatus status();

  /**
   * Returns the job's outcome: the output, the batch's failure, a {@link JobRejectedException},
   * or a {@link JobAbandonedException} when the processor closed before the job was done.
   *
   * @return a future completed once with the outcome
   */
  CompletableFuture<O> result();
}
