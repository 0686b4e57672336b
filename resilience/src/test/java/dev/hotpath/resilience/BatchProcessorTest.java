package dev.hotpath.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The batch processor under full queues, failing batches and closes while busy. */
class BatchProcessorTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  /** Labels images in batches; blocks while {@code gate} is closed. */
  private static BatchFunction<String, String> labeller(List<List<String>> batches, CountDownLatch gate) {
    return inputs -> {
      batches.add(List.copyOf(inputs));
      if (!gate.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("gate never opened");
      }
      if (inputs.contains("corrupt.jpg")) {
        throw new IllegalArgumentException("cannot decode corrupt.jpg");
      }
      List<String> labels = new ArrayList<>();
      for (String image : inputs) {
        labels.add("labels:" + image);
      }
      return labels;
    };
  }

  @Test
  void fullBatchesShipWithoutWaitingForTheLinger() throws Exception {
    List<List<String>> batches = new CopyOnWriteArrayList<>();
    BatchProcessor<String, String> processor = BatchProcessor.builder("labeller", labeller(batches, new CountDownLatch(0)))
        .batchSize(3).linger(Duration.ofMinutes(10)).build();
    List<Job<String, String>> jobs = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      jobs.add(processor.submit("img" + i + ".jpg"));
    }

    for (Job<String, String> job : jobs) {
      assertThat(job.result().get(20, TimeUnit.SECONDS)).isEqualTo("labels:" + job.input());
      assertThat(job.status()).isEqualTo(JobStatus.SUCCEEDED);
    }
    assertThat(batches).hasSize(2).allSatisfy(batch -> assertThat(batch).hasSize(3));
    CloseReport<String, String> report = processor.close(WAIT);
    assertThat(report.accepted()).isEqualTo(6);
    assertThat(report.succeeded()).isEqualTo(6);
    assertThat(report.drained()).isTrue();
  }

  @Test
  void lingerShipsAPartialBatch() throws Exception {
    List<List<String>> batches = new CopyOnWriteArrayList<>();
    try (BatchProcessor<String, String> processor = BatchProcessor.builder("labeller", labeller(batches, new CountDownLatch(0)))
        .batchSize(100).linger(Duration.ofMillis(20)).build()) {
      Job<String, String> a = processor.submit("a.jpg");
      Job<String, String> b = processor.submit("b.jpg");

      assertThat(b.result().get(20, TimeUnit.SECONDS)).isEqualTo("labels:b.jpg");
      assertThat(a.result().get(20, TimeUnit.SECONDS)).isEqualTo("labels:a.jpg");
      assertThat(batches.stream().mapToInt(List::size).sum()).isEqualTo(2);
    }
  }

  @Test
  void fullQueueRejectsWithReasonAndCountsAddUp() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    BatchProcessor<String, String> processor = BatchProcessor.builder("labeller", labeller(new CopyOnWriteArrayList<>(), gate))
        .batchSize(1).queueCapacity(2).linger(Duration.ZERO).build();
    Job<String, String> first = processor.submit("1.jpg");
    await().atMost(WAIT).until(() -> first.status() == JobStatus.RUNNING);
    Job<String, String> second = processor.submit("2.jpg");
    Job<String, String> third = processor.submit("3.jpg");

    Job<String, String> refused = processor.submit("4.jpg");

    assertThat(refused.status()).isEqualTo(JobStatus.REJECTED);
    assertThatThrownBy(() -> refused.result().get()).cause()
        .isInstanceOf(JobRejectedException.class).hasMessage("labeller: queue is full (2 jobs)");
    assertThat(List.of(second.status(), third.status())).containsOnly(JobStatus.QUEUED);
    assertThat(processor.queued()).isEqualTo(2);
    gate.countDown();
    CloseReport<String, String> report = processor.close(WAIT);
    assertThat(report.accepted()).isEqualTo(3);
    assertThat(report.succeeded()).isEqualTo(3);
    assertThat(report.rejected()).isEqualTo(1);
    assertThat(report.accepted()).isEqualTo(report.succeeded() + report.failed() + report.unfinished().size());
  }

  @Test
  void blockingBackpressureWaitsForRoom() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    BatchProcessor<String, String> processor = BatchProcessor.builder("labeller", labeller(new CopyOnWriteArrayList<>(), gate))
        .batchSize(1).queueCapacity(1).linger(Duration.ZERO)
        .backpressure(Backpressure.BLOCK, Duration.ofSeconds(30)).build();
    Job<String, String> first = processor.submit("1.jpg");
    await().atMost(WAIT).until(() -> first.status() == JobStatus.RUNNING);
    processor.submit("2.jpg");
    List<Job<String, String>> blocked = new CopyOnWriteArrayList<>();
    Thread submitter = new Thread(() -> blocked.add(processor.submit("3.jpg")));
    submitter.start();
    await().atMost(WAIT).until(() -> submitter.getState() == Thread.State.TIMED_WAITING);
    assertThat(blocked).isEmpty();

    gate.countDown();
    submitter.join();

    assertThat(blocked.get(0).result().get(20, TimeUnit.SECONDS)).isEqualTo("labels:3.jpg");
    assertThat(processor.close(WAIT).accepted()).isEqualTo(3);
  }

  @Test
  void failingBatchFailsItsJobsAndListenersSeeEveryStatus() throws Exception {
    Map<Long, List<JobStatus>> seen = new ConcurrentHashMap<>();
    BatchProcessor<String, String> processor = BatchProcessor.builder("labeller", labeller(new CopyOnWriteArrayList<>(), new CountDownLatch(0)))
        .batchSize(2).linger(Duration.ofMinutes(10))
        .listener((job, status) -> seen.computeIfAbsent(job.id(), id -> new CopyOnWriteArrayList<>()).add(status))
        .build();
    Job<String, String> good = processor.submit("ok.jpg");
    Job<String, String> bad = processor.submit("corrupt.jpg");

    assertThatThrownBy(() -> bad.result().get(20, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
        .cause().isInstanceOf(IllegalArgumentException.class).hasMessage("cannot decode corrupt.jpg");
    assertThatThrownBy(() -> good.result().get(20, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
    CloseReport<String, String> report = processor.close(WAIT);

    assertThat(good.status()).isEqualTo(JobStatus.FAILED);
    assertThat(seen.get(bad.id())).containsExactly(JobStatus.QUEUED, JobStatus.RUNNING, JobStatus.FAILED);
    assertThat(report.failed()).isEqualTo(2);
    assertThat(report.accepted()).isEqualTo(report.succeeded() + report.failed() + report.unfinished().size());
    assertThat(processor.job(bad.id())).containsSame(bad);
  }

  @Test
  void batchFunctionReturningTheWrongNumberOfOutputsFailsTheBatch() throws Exception {
    try (BatchProcessor<String, String> processor = BatchProcessor.<String, String>builder("labeller", inputs -> List.of())
        .linger(Duration.ZERO).build()) {
      assertThatThrownBy(() -> processor.submit("a.jpg").result().get(20, TimeUnit.SECONDS))
          .cause().hasMessage("labeller: batch function returned 0 outputs for 1 inputs");
    }
  }

  @Test
  void closeWhileBusyReportsWhatWasNotDone() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    BatchProcessor<String, String> processor = BatchProcessor.builder("labeller", labeller(new CopyOnWriteArrayList<>(), gate))
        .batchSize(2).linger(Duration.ZERO).build();
    List<Job<String, String>> jobs = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      jobs.add(processor.submit("img" + i + ".jpg"));
    }
    await().atMost(WAIT).until(() -> jobs.get(0).status() == JobStatus.RUNNING);

    CloseReport<String, String> report = processor.close(Duration.ofMillis(50));

    assertThat(report.accepted()).isEqualTo(5);
    assertThat(report.drained()).isFalse();
    assertThat(report.unfinished()).extracting(Job::id).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(report.accepted()).isEqualTo(report.succeeded() + report.failed() + report.unfinished().size());
    assertThat(jobs.get(0).status()).isEqualTo(JobStatus.RUNNING);
    assertThat(jobs.get(4).status()).isEqualTo(JobStatus.QUEUED);
    assertThatThrownBy(() -> jobs.get(4).result().get()).cause().isInstanceOf(JobAbandonedException.class);
    Job<String, String> late = processor.submit("late.jpg");
    assertThat(late.status()).isEqualTo(JobStatus.REJECTED);
    assertThat(processor.close(WAIT)).isSameAs(report);
  }

  @Test
  void closeDrainsEveryQueuedJob() throws Exception {
    BatchProcessor<String, String> processor = BatchProcessor.builder("labeller", labeller(new CopyOnWriteArrayList<>(), new CountDownLatch(0)))
        .batchSize(7).workers(3).linger(Duration.ofMillis(1)).build();
    for (int i = 0; i < 200; i++) {
      processor.submit("img" + i + ".jpg");
    }

    CloseReport<String, String> report = processor.close(WAIT);

    assertThat(report.drained()).isTrue();
    assertThat(report.accepted()).isEqualTo(200);
    assertThat(report.succeeded()).isEqualTo(200);
  }

  @Test
  void finishedJobsStayQueryableUpToTheRetention() throws Exception {
    BatchProcessor<String, String> processor = BatchProcessor.builder("labeller", labeller(new CopyOnWriteArrayList<>(), new CountDownLatch(0)))
        .batchSize(1).linger(Duration.ZERO).retainFinished(2).build();
    List<Job<String, String>> jobs = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      jobs.add(processor.submit("img" + i + ".jpg"));
    }
    processor.close(WAIT);

    assertThat(processor.job(jobs.get(0).id())).isEmpty();
    assertThat(processor.job(jobs.get(4).id())).containsSame(jobs.get(4));
  }

  @Test
  void rejectsBadConfigurationNamingTheValue() {
    BatchFunction<String, String> function = inputs -> inputs;
    assertThatThrownBy(() -> BatchProcessor.builder("p", function).queueCapacity(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("queue capacity must be at least 1, was 0");
    assertThatThrownBy(() -> BatchProcessor.builder("p", function).batchSize(-3))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("batch size must be at least 1, was -3");
    assertThatThrownBy(() -> BatchProcessor.builder("p", function).workers(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("workers must be at least 1, was 0");
    assertThatThrownBy(() -> BatchProcessor.builder("p", function).linger(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("linger must not be negative, was PT-0.001S");
    assertThatThrownBy(() -> BatchProcessor.builder("", function))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("batch processor name must not be blank, was \"\"");
    assertThatThrownBy(() -> BatchProcessor.builder("p", null)).isInstanceOf(NullPointerException.class);
  }
}
