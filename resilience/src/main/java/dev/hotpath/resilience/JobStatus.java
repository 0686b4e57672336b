package dev.hotpath.resilience;

/** Where a {@link Job} of a {@link BatchProcessor} stands. */
public enum JobStatus {
  /** Accepted and waiting in the queue. */
  QUEUED,
  /** In a batch that is being processed. */
  RUNNING,
  /** Processed; its result is available. */
  SUCCEEDED,
  /** Its batch failed; the failure is available. */
  FAILED,
  /** Never accepted: the queue was full or the processor closed. */
  REJECTED
}
