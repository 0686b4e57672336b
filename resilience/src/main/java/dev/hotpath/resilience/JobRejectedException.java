package dev.hotpath.resilience;

/** The outcome of a job that a {@link BatchProcessor} did not accept. */
public final class JobRejectedException extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message why the job was rejected
   */
  public JobRejectedException(String message) {
    super(message, null, false, false);
  }
}
