package dev.hotpath.resilience.internal;

import dev.hotpath.core.Check;
import dev.hotpath.core.Listeners;
import dev.hotpath.resilience.Backpressure;
import dev.hotpath.resilience.BatchFunction;
import dev.hotpath.resilience.BatchProcessor;
import dev.hotpath.resilience.CloseReport;
import dev.hotpath.resilience.Job;
import dev.hotpath.resilience.JobAbandonedException;
import dev.hotpath.resilience.JobListener;
import dev.hotpath.resilience.JobRejectedException;
import dev.hotpath.resilience.JobStatus;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The batch processor: one lock guards the queue, its admission and the closed flag, so a job is
 * either in the queue before close drains it or rejected, never lost between the two. Workers
 * take batches under the lock and process them outside it.
 *
 * @param <I> the input type
 * @param <O> the output type
 */
public final class DefaultBatchProcessor<I, O> implements BatchProcessor<I, O> {
  private final String name;
  private final BatchFunction<I, O> function;
  private final int capacity;
  private final int batchSize;
  private final long lingerNanos;
  private final Backpressure backpressure;
  private final long maxBlockNanos;
  private final Duration closeTimeout;
  private final int retainFinished;
  private final Listeners<JobListener<I, O>> listeners;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notEmpty = lock.newCondition();
  private final Condition notFull = lock.newCondition();
  private final ArrayDeque<BatchJob<I, O>> queue = new ArrayDeque<>();
  private boolean closed;
  private long accepted;
  private long rejected;

  private final AtomicLong ids = new AtomicLong();
  private final AtomicLong succeeded = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final Map<Long, BatchJob<I, O>> jobs = new ConcurrentHashMap<>();
  private final Queue<Long> finishedOrder = new ConcurrentLinkedQueue<>();
  private final AtomicInteger finishedRetained = new AtomicInteger();
  private final Set<BatchJob<I, O>> running = ConcurrentHashMap.newKeySet();
  private final List<Thread> workers = new ArrayList<>();
  private final CompletableFuture<CloseReport<I, O>> closing = new CompletableFuture<>();
  private final AtomicInteger closeCalls = new AtomicInteger();

  /**
   * Starts the workers.
   *
   * @param settings what {@code BatchProcessorBuilder} checked
   */
  public DefaultBatchProcessor(BatchSettings<I, O> settings) {
    this.name = settings.name;
    this.function = settings.function;
    this.capacity = settings.queueCapacity;
    this.batchSize = settings.batchSize;
    this.lingerNanos = RetryPlan.saturatedNanos(settings.linger);
    this.backpressure = settings.backpressure;
    this.maxBlockNanos = RetryPlan.saturatedNanos(settings.maxBlock);
    this.closeTimeout = settings.closeTimeout;
    this.retainFinished = settings.retainFinished;
    this.listeners = Listeners.of("batch processor '" + name + "'", settings.listeners);
    for (int i = 0; i < settings.workers; i++) {
      Thread worker = new Thread(this::work, name + "-batch-worker-" + i);
      worker.setDaemon(true);
      workers.add(worker);
      worker.start();
    }
  }

  @Override
  public Job<I, O> submit(I input) {
    Check.notNull(input, "input");
    BatchJob<I, O> job = new BatchJob<>(ids.incrementAndGet(), input);
    jobs.put(job.id(), job);
    String refusal;
    lock.lock();
    try {
      refusal = admit(job);
      if (refusal == null) {
        // Announced under the lock so no worker can report RUNNING before QUEUED.
        announce(job, JobStatus.QUEUED);
      }
    } finally {
      lock.unlock();
    }
    if (refusal != null) {
      job.move(JobStatus.QUEUED, JobStatus.REJECTED);
      job.result().completeExceptionally(new JobRejectedException(name + ": " + refusal));
      announce(job, JobStatus.REJECTED);
      retire(job);
    }
    return job;
  }

  /** Queues the job and returns null, or returns why not; runs under the lock. */
  private String admit(BatchJob<I, O> job) {
    long wait = backpressure == Backpressure.BLOCK ? maxBlockNanos : 0;
    try {
      while (!closed && queue.size() >= capacity && wait > 0) {
        wait = notFull.awaitNanos(wait);
      }
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      rejected++;
      return "interrupted while waiting for room in the queue";
    }
    if (closed || queue.size() >= capacity) {
      rejected++;
      return closed ? "processor is closed" : "queue is full (" + capacity + " jobs)";
    }
    queue.add(job);
    accepted++;
    notEmpty.signal();
    return null;
  }

  private void work() {
    try {
      List<BatchJob<I, O>> batch;
      while ((batch = nextBatch()) != null) {
        process(batch);
      }
    } catch (InterruptedException closeTimedOut) {
      // close() abandoned this worker's jobs before interrupting it
    }
  }

  /** Takes the next batch, lingering for it to fill; null once closed and drained. */
  private List<BatchJob<I, O>> nextBatch() throws InterruptedException {
    lock.lock();
    try {
      while (true) {
        while (queue.isEmpty()) {
          if (closed) {
            return null;
          }
          notEmpty.await();
        }
        long wait = lingerNanos;
        while (queue.size() < batchSize && !closed && wait > 0) {
          wait = notEmpty.awaitNanos(wait);
        }
        if (!queue.isEmpty()) {
          return take();
        }
        // another worker took the jobs while this one lingered
      }
    } finally {
      lock.unlock();
    }
  }

  private List<BatchJob<I, O>> take() {
    int size = Math.min(batchSize, queue.size());
    List<BatchJob<I, O>> batch = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      BatchJob<I, O> job = queue.poll();
      if (job.move(JobStatus.QUEUED, JobStatus.RUNNING)) {
        running.add(job);
        batch.add(job);
      }
    }
    notFull.signalAll();
    return batch;
  }

  private void process(List<BatchJob<I, O>> batch) {
    for (BatchJob<I, O> job : batch) {
      announce(job, JobStatus.RUNNING);
    }
    List<I> inputs = new ArrayList<>(batch.size());
    for (BatchJob<I, O> job : batch) {
      inputs.add(job.input());
    }
    List<O> outputs = null;
    Throwable failure = null;
    try {
      outputs = function.process(inputs);
      if (outputs == null || outputs.size() != inputs.size()) {
        failure = new IllegalStateException(name + ": batch function returned "
            + (outputs == null ? "null" : outputs.size() + " outputs") + " for " + inputs.size() + " inputs");
      }
    } catch (Throwable thrown) {
      // Every kind of failure, errors included, fails the batch's jobs rather than losing them.
      failure = thrown;
    }
    for (int i = 0; i < batch.size(); i++) {
      BatchJob<I, O> job = batch.get(i);
      complete(job, failure == null ? outputs.get(i) : null, failure);
      running.remove(job);
    }
  }

  /** Settles a running job, unless a timed-out close abandoned it first. */
  private void complete(BatchJob<I, O> job, O output, Throwable failure) {
    JobStatus outcome = failure == null ? JobStatus.SUCCEEDED : JobStatus.FAILED;
    if (!job.move(JobStatus.RUNNING, outcome)) {
      return;
    }
    if (failure == null) {
      succeeded.incrementAndGet();
      job.result().complete(output);
    } else {
      failed.incrementAndGet();
      job.result().completeExceptionally(failure);
    }
    announce(job, outcome);
    retire(job);
  }

  private void announce(BatchJob<I, O> job, JobStatus status) {
    if (!listeners.isEmpty()) {
      // the status is passed, not read from the job: a worker may already have moved it on
      listeners.notify(job, (listener, announced) -> listener.onStatus(announced, status));
    }
  }

  /** Keeps a finished job queryable, forgetting the oldest beyond the retention. */
  private void retire(BatchJob<I, O> job) {
    finishedOrder.add(job.id());
    if (finishedRetained.incrementAndGet() > retainFinished) {
      Long oldest = finishedOrder.poll();
      if (oldest != null) {
        jobs.remove(oldest);
        finishedRetained.decrementAndGet();
      }
    }
  }

  @Override
  public Optional<Job<I, O>> job(long id) {
    return Optional.ofNullable(jobs.get(id));
  }

  @Override
  public int queued() {
    lock.lock();
    try {
      return queue.size();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    close(closeTimeout);
  }

  @Override
  public CloseReport<I, O> close(Duration timeout) {
    Check.notNull(timeout, "timeout");
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("close timeout must not be negative, was " + timeout);
    }
    if (closeCalls.getAndIncrement() > 0) {
      return closing.join();
    }
    lock.lock();
    try {
      closed = true;
      notEmpty.signalAll();
      notFull.signalAll();
    } finally {
      lock.unlock();
    }
    boolean drained = awaitWorkers(RetryPlan.saturatedNanos(timeout));
    List<Job<I, O>> unfinished = drained ? List.of() : abandonRemaining();
    CloseReport<I, O> report;
    lock.lock();
    try {
      report = new CloseReport<>(accepted, succeeded.get(), failed.get(), rejected, unfinished);
    } finally {
      lock.unlock();
    }
    closing.complete(report);
    return report;
  }

  private boolean awaitWorkers(long timeoutNanos) {
    long deadline = System.nanoTime() + timeoutNanos;
    try {
      for (Thread worker : workers) {
        long left = deadline - System.nanoTime();
        if (left > 0) {
          TimeUnit.NANOSECONDS.timedJoin(worker, left);
        }
      }
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
    return workers.stream().noneMatch(Thread::isAlive);
  }

  /** Abandons every queued and running job, then interrupts the workers. */
  private List<Job<I, O>> abandonRemaining() {
    List<BatchJob<I, O>> candidates;
    lock.lock();
    try {
      // Under the lock: take() moves jobs from the queue to running under it too.
      candidates = new ArrayList<>(running);
      candidates.addAll(queue);
      queue.clear();
    } finally {
      lock.unlock();
    }
    List<Job<I, O>> unfinished = new ArrayList<>();
    for (BatchJob<I, O> job : candidates) {
      if (job.abandon()) {
        job.result().completeExceptionally(new JobAbandonedException(
            name + ": job " + job.id() + " was " + job.status() + " when close timed out"));
        unfinished.add(job);
      }
    }
    workers.forEach(Thread::interrupt);
    unfinished.sort(Comparator.comparingLong(Job::id));
    return unfinished;
  }
}
