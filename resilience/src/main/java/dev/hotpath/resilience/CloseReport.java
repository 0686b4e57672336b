package dev.hotpath.resilience;

import java.util.List;

/**
 * What a {@link BatchProcessor} did in its lifetime, taken when it closed. Every accepted job is
 * counted exactly once: {@code accepted == succeeded + failed + unfinished.size()}.
 *
 * @param accepted jobs accepted into the queue
 * @param succeeded jobs that succeeded
 * @param failed jobs whose batch failed
 * @param rejected jobs not accepted
 * @param unfinished accepted jobs not done when the close timed out (still QUEUED or RUNNING;
 *     their results fail with {@link JobAbandonedException}), in id order
 * @param <I> the input type
 * @param <O> the output type
 */
public record CloseReport<I, O>(long accepted, long succeeded, long failed, long rejected,
    List<Job<I, O>> unfinished) {

  /**
   * Creates a report, copying {@code unfinished}.
   *
   * @param accepted jobs accepted
   * @param succeeded jobs succeeded
   * @param failed jobs failed
   * @param rejected jobs rejected
   * @param unfinished jobs not done
   */
  public CloseReport {
    unfinished = List.copyOf(unfinished);
  }

  /**
   * Tells whether every accepted job was done before the processor closed.
   *
   * @return true when nothing was left unfinished
   */
  public boolean drained() {
    return unfinished.isEmpty();
  }
}
