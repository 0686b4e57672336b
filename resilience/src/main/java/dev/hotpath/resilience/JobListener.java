package dev.hotpath.resilience;

/**
 * Told of every status a {@link Job} takes, on the thread that changes it (the submitter for
 * QUEUED and REJECTED, a worker otherwise). Must be quick; exceptions it throws are ignored.
 *
 * @param <I> the input type
 * @param <O> the output type
 */
@FunctionalInterface
public interface JobListener<I, O> {

  /**
   * Called after {@code job} took {@code status}.
   *
   * @param job the job
   * @param status its new status
   */
  void onStatus(Job<I, O> job, JobStatus status);
}
