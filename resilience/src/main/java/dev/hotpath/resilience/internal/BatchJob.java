package dev.hotpath.resilience.internal;

import dev.hotpath.resilience.Job;
import dev.hotpath.resilience.JobStatus;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A job whose status moves only forward, by compare-and-set, so a worker finishing a job and a
 * close abandoning it can never both count it.
 */
final class BatchJob<I, O> implements Job<I, O> {
  private static final JobStatus[] STATUSES = JobStatus.values();
  /** Set on top of QUEUED or RUNNING when a timed-out close gave the job up. */
  private static final int ABANDONED = 1 << 8;

  private final long id;
  private final I input;
  private final AtomicInteger phase = new AtomicInteger(JobStatus.QUEUED.ordinal());
  private final CompletableFuture<O> result = new CompletableFuture<>();

  BatchJob(long id, I input) {
    this.id = id;
    this.input = input;
  }

  @Override
  public long id() {
    return id;
  }

  @Override
  public I input() {
    return input;
  }

  @Override
  public JobStatus status() {
    return STATUSES[phase.get() & (ABANDONED - 1)];
  }

  @Override
  public CompletableFuture<O> result() {
    return result;
  }

  /** Moves {@code from} to {@code to}; false if the job is elsewhere or was abandoned. */
  boolean move(JobStatus from, JobStatus to) {
    return phase.compareAndSet(from.ordinal(), to.ordinal());
  }

  /** Marks a queued or running job abandoned; false if it finished first. */
  boolean abandon() {
    while (true) {
      int current = phase.get();
      if (current != JobStatus.QUEUED.ordinal() && current != JobStatus.RUNNING.ordinal()) {
        return false;
      }
      if (phase.compareAndSet(current, current | ABANDONED)) {
        return true;
      }
    }
  }

  @Override
  public String toString() {
    return "Job#" + id + "[" + status() + "]";
  }
}
