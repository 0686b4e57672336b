package dev.hotpath.resilience;

/**
 * The outcome of an accepted job that was not done when its {@link BatchProcessor}'s close timed
 * out; the job is listed in the {@link CloseReport}.
 */
public final class JobAbandonedException extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was left undone
   */
  public JobAbandonedException(String message) {
    super(message, null, false, false);
  }
}
