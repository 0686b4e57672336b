package dev.hotpath.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class SingleFlightTest {
  private static final int FOLLOWERS = 4;

  private final SingleFlight<String, String> flight = new SingleFlight<>();
  private final ExecutorService threads = Executors.newCachedThreadPool();

  @AfterEach
  void stopThreads() {
    threads.shutdownNow();
  }

  @Test
  void concurrentEqualKeysShareOneExecutionAndItsValue() throws Exception {
    HeldLeader leader = new HeldLeader("photo:1", () -> "value");
    List<Future<String>> followers = startFollowers("photo:1", leader.executions);
    awaitWaiting(followers.size());

    leader.release.countDown();

    assertThat(leader.outcome.get()).isEqualTo("value");
    for (Future<String> follower : followers) {
      assertThat(follower.get()).isEqualTo("value");
    }
    assertThat(leader.executions).hasValue(1);
  }

  @Test
  void theLeadersExceptionIsDeliveredAsIsToEveryFollower() throws Exception {
    IOException failure = new IOException("disk on fire");
    HeldLeader leader =
        new HeldLeader(
            "photo:1",
            () -> {
              throw failure;
            });
    List<Future<String>> followers = startFollowers("photo:1", leader.executions);
    awaitWaiting(followers.size());

    leader.release.countDown();

    assertThatThrownBy(leader.outcome::get)
        .isInstanceOf(ExecutionException.class)
        .hasCause(failure);
    for (Future<String> follower : followers) {
      assertThatThrownBy(follower::get).hasCauseReference(failure);
    }
    assertThat(leader.executions).hasValue(1);
  }

  @Test
  void differentKeysRunIndependently() throws Exception {
    CountDownLatch bothRunning = new CountDownLatch(2);
    Future<String> one =
        threads.submit(() -> flight.call("a", () -> awaitThen(bothRunning, "A")));
    Future<String> two =
        threads.submit(() -> flight.call("b", () -> awaitThen(bothRunning, "B")));

    assertThat(one.get()).isEqualTo("A");
    assertThat(two.get()).isEqualTo("B");
  }

  @Test
  void nothingIsRetainedAfterCompletion() throws Exception {
    AtomicInteger executions = new AtomicInteger();

    assertThat(flight.call("k", () -> "first" + executions.incrementAndGet())).isEqualTo("first1");
    assertThat(flight.inFlight()).isZero();
    assertThat(flight.call("k", () -> "second" + executions.incrementAndGet()))
        .isEqualTo("second2");
    assertThat(flight.inFlight()).isZero();
  }

  @Test
  void nothingIsRetainedAfterAFailure() {
    assertThatThrownBy(() -> flight.call("k", () -> {
          throw new IllegalStateException("once");
        }))
        .hasMessage("once");

    assertThat(flight.inFlight()).isZero();
    assertThat(callQuietly("k", "again")).isEqualTo("again");
  }

  @Test
  void inFlightCountsKeysRunningNow() throws Exception {
    HeldLeader leader = new HeldLeader("k", () -> "v");

    assertThat(flight.inFlight()).isEqualTo(1);
    leader.release.countDown();
    leader.outcome.get();
    assertThat(flight.inFlight()).isZero();
  }

  @Test
  void anInterruptedFollowerGetsInterruptedExceptionAndTheOthersCarryOn() throws Exception {
    HeldLeader leader = new HeldLeader("k", () -> "value");
    AtomicInteger executions = leader.executions;
    AtomicReference<Throwable> interruptedOutcome = new AtomicReference<>();
    CountDownLatch interruptedDone = new CountDownLatch(1);
    Thread interrupted =
        new Thread(
            () -> {
              try {
                flight.call("k", () -> "must not run " + executions.incrementAndGet());
              } catch (Throwable t) {
                interruptedOutcome.set(t);
              } finally {
                interruptedDone.countDown();
              }
            });
    interrupted.start();
    Future<String> patient = threads.submit(() -> flight.call("k", () -> "must not run"));
    awaitWaiting(2);

    interrupted.interrupt();
    interruptedDone.await();
    assertThat(interruptedOutcome.get()).isInstanceOf(InterruptedException.class);
    assertThat(flight.inFlight()).isEqualTo(1);

    leader.release.countDown();
    assertThat(leader.outcome.get()).isEqualTo("value");
    assertThat(patient.get()).isEqualTo("value");
    assertThat(executions).hasValue(1);
  }

  @Test
  void reenteringTheSameKeyFromItsOwnWorkIsRefusedInsteadOfDeadlocking() {
    assertThatThrownBy(() -> flight.call("k", () -> flight.call("k", () -> "inner")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("k")
        .hasMessageContaining("re-entered");
    assertThat(flight.inFlight()).isZero();
  }

  @Test
  void nullKeyIsRejectedNamingIt() {
    assertThatThrownBy(() -> flight.call(null, () -> "v"))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("key must not be null");
    assertThatThrownBy(() -> flight.callAsync(null, () -> CompletableFuture.completedFuture("v")))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("key must not be null");
  }

  @Test
  void nullWorkIsRejectedNamingIt() {
    assertThatThrownBy(() -> flight.call("k", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("work must not be null");
    assertThatThrownBy(() -> flight.callAsync("k", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("work must not be null");
  }

  @Test
  void asyncCallsWithEqualKeysShareOneStage() {
    CompletableFuture<String> stage = new CompletableFuture<>();
    AtomicInteger executions = new AtomicInteger();

    CompletableFuture<String> first =
        flight.callAsync("k", () -> countThen(executions, stage));
    CompletableFuture<String> second =
        flight.callAsync("k", () -> countThen(executions, CompletableFuture.completedFuture("x")));

    assertThat(flight.inFlight()).isEqualTo(1);
    assertThat(first).isNotDone();
    stage.complete("shared");
    assertThat(first.join()).isEqualTo("shared");
    assertThat(second.join()).isEqualTo("shared");
    assertThat(executions).hasValue(1);
    assertThat(flight.inFlight()).isZero();
  }

  @Test
  void asyncFailureReachesEveryCallerUnwrapped() {
    CompletableFuture<String> stage = new CompletableFuture<>();
    IOException failure = new IOException("upstream gone");
    CompletableFuture<String> first = flight.callAsync("k", () -> stage);
    CompletableFuture<String> second = flight.callAsync("k", () -> stage);

    stage.completeExceptionally(failure);

    assertThatThrownBy(first::get).isInstanceOf(ExecutionException.class).hasCause(failure);
    assertThatThrownBy(second::get).isInstanceOf(ExecutionException.class).hasCause(failure);
    assertThat(flight.inFlight()).isZero();
  }

  @Test
  void asyncWorkThatThrowsSynchronouslyFailsTheFutureInsteadOfThrowing() {
    IllegalStateException failure = new IllegalStateException("no connection");

    CompletableFuture<String> result =
        flight.callAsync(
            "k",
            () -> {
              throw failure;
            });

    assertThatThrownBy(result::get).isInstanceOf(ExecutionException.class).hasCause(failure);
    assertThat(flight.inFlight()).isZero();
    assertThat(flight.callAsync("k", () -> CompletableFuture.completedFuture("next")).join())
        .isEqualTo("next");
  }

  @Test
  void asyncWorkReturningNullFailsTheFutureWithAClearMessage() {
    CompletableFuture<String> result = flight.callAsync("k", () -> null);

    assertThatThrownBy(result::get)
        .hasCauseInstanceOf(NullPointerException.class)
        .hasRootCauseMessage("work returned a null CompletionStage");
    assertThat(flight.inFlight()).isZero();
  }

  @Test
  void cancellingOneAsyncCallerLeavesTheSharedExecutionAndOthersAlone() {
    CompletableFuture<String> stage = new CompletableFuture<>();
    CompletableFuture<String> first = flight.callAsync("k", () -> stage);
    CompletableFuture<String> second = flight.callAsync("k", () -> stage);

    first.cancel(true);

    assertThat(stage).isNotDone();
    assertThat(flight.inFlight()).isEqualTo(1);
    stage.complete("v");
    assertThat(second.join()).isEqualTo("v");
  }

  @Test
  void aSyncCallJoinsAnAsyncExecutionWithAnEqualKey() throws Exception {
    CompletableFuture<String> stage = new CompletableFuture<>();
    CompletableFuture<String> async = flight.callAsync("k", () -> stage);
    Future<String> sync = threads.submit(() -> flight.call("k", () -> "must not run"));
    awaitWaiting(1);

    stage.complete("from async");

    assertThat(sync.get()).isEqualTo("from async");
    assertThat(async.join()).isEqualTo("from async");
  }

  @Test
  void theAsyncLeaderThreadMayWaitForItsOwnPendingExecution() throws Exception {
    CompletableFuture<String> stage = new CompletableFuture<>();
    CountDownLatch asyncStarted = new CountDownLatch(1);
    Future<String> sameThread =
        threads.submit(
            () -> {
              flight.callAsync("k", () -> stage);
              asyncStarted.countDown();
              return flight.call("k", () -> "must not run");
            });
    asyncStarted.await();
    awaitWaiting(1);

    stage.complete("done");

    assertThat(sameThread.get()).isEqualTo("done");
  }

  /** A leader whose work, once running, waits for {@link #release} and then calls its outcome. */
  private final class HeldLeader {
    final AtomicInteger executions = new AtomicInteger();
    final CountDownLatch release = new CountDownLatch(1);
    final Future<String> outcome;

    HeldLeader(String key, Callable<String> afterRelease) throws InterruptedException {
      CountDownLatch running = new CountDownLatch(1);
      outcome =
          threads.submit(
              () ->
                  flight.call(
                      key,
                      () -> {
                        executions.incrementAndGet();
                        running.countDown();
                        release.await();
                        return afterRelease.call();
                      }));
      running.await();
    }
  }

  private List<Future<String>> startFollowers(String key, AtomicInteger executions) {
    List<Future<String>> followers = new ArrayList<>();
    for (int i = 0; i < FOLLOWERS; i++) {
      followers.add(
          threads.submit(() -> flight.call(key, () -> "follower ran " + executions.incrementAndGet())));
    }
    return followers;
  }

  /**
   * Waits until {@code count} callers are parked on a flight, so a test releases the leader only
   * once every follower has joined. Parked pool threads idle in {@code SynchronousQueue}, not in
   * {@code CompletableFuture}, so they are not counted.
   */
  private static void awaitWaiting(int count) {
    await().until(() -> waitingOnFlight() >= count);
  }

  private static long waitingOnFlight() {
    return Thread.getAllStackTraces().entrySet().stream()
        .filter(e -> e.getKey().getState() == Thread.State.WAITING)
        .filter(
            e -> {
              for (StackTraceElement frame : e.getValue()) {
                if (frame.getClassName().equals(CompletableFuture.class.getName())
                    && frame.getMethodName().equals("get")) {
                  return true;
                }
              }
              return false;
            })
        .filter(
            e -> {
              for (StackTraceElement frame : e.getValue()) {
                if (frame.getClassName().equals(SingleFlight.class.getName())) {
                  return true;
                }
              }
              return false;
            })
        .count();
  }

  private static String awaitThen(CountDownLatch latch, String value) throws InterruptedException {
    latch.countDown();
    latch.await();
    return value;
  }

  private static <T> CompletableFuture<T> countThen(
      AtomicInteger executions, CompletableFuture<T> stage) {
    executions.incrementAndGet();
    return stage;
  }

  private String callQuietly(String key, String value) {
    try {
      return flight.call(key, () -> value);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
