package dev.hotpath.resilience;

/** What {@link BatchProcessor#submit} does when the queue is full. */
public enum Backpressure {
  /** Reject the job at once. */
  REJECT,
  /** Wait for room up to the configured block timeout, then reject. */
  BLOCK
}
