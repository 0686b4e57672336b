package dev.hotpath.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.hotpath.core.HealthStatus;
import dev.hotpath.core.testing.FakeTicker;
import dev.hotpath.resilience.CallRejectedException.Reason;
import dev.hotpath.resilience.VisionClient.VisionApiException;
import dev.hotpath.resilience.VisionStub.Reply;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Guards calls to a real local HTTP stand-in of the vision API, through the JDK HttpClient. */
class GuardAgainstVisionApiTest {
  private VisionStub stub;
  private VisionClient client;

  @BeforeEach
  void startStub() throws Exception {
    stub = new VisionStub();
    client = new VisionClient(stub);
  }

  @AfterEach
  void stopStub() {
    stub.close();
  }

  @Test
  void circuitOpensAfterFailuresThenHalfOpensAndCloses() throws Exception {
    MutableClock clock = new MutableClock();
    Guard<String, String> guard = Guard.builder("vision-api")
        .circuitBreaker(CircuitBreakerConfig.custom()
            .slidingWindowSize(4).minimumNumberOfCalls(4).failureRateThreshold(50)
            .waitDurationInOpenState(Duration.ofSeconds(30))
            .permittedNumberOfCallsInHalfOpenState(1)
            .clock(clock)
            .build())
        .build();
    stub.otherwise(Reply.status(503));
    for (int i = 0; i < 4; i++) {
      assertThatThrownBy(() -> guard.call("cat.jpg", () -> client.labels("cat.jpg")))
          .isInstanceOf(VisionApiException.class);
    }

    assertThat(guard.stats().circuitState()).isEqualTo(CircuitBreaker.State.OPEN);
    assertThat(guard.healthCheck().check().status()).isEqualTo(HealthStatus.DEGRADED);
    assertThatThrownBy(() -> guard.call("cat.jpg", () -> client.labels("cat.jpg")))
        .isInstanceOfSatisfying(CallRejectedException.class, rejected -> {
          assertThat(rejected.reason()).isEqualTo(Reason.CIRCUIT_OPEN);
          assertThat(rejected.guardName()).isEqualTo("vision-api");
        });
    assertThat(stub.requests()).isEqualTo(4);

    clock.advance(Duration.ofSeconds(31));
    stub.otherwise(Reply.ok());
    assertThat(guard.call("cat.jpg", () -> client.labels("cat.jpg"))).startsWith("cat,sofa");

    assertThat(stub.requests()).isEqualTo(5);
    assertThat(guard.stats().circuitState()).isEqualTo(CircuitBreaker.State.CLOSED);
    assertThat(guard.healthCheck().check().status()).isEqualTo(HealthStatus.UP);
  }

  @Test
  void rateLimitHoldsCallsToTheConfiguredRatePerPeriod() throws Exception {
    FakeTicker ticker = new FakeTicker();
    Guard<String, String> guard = Guard.builder("vision-api")
        .rateLimit(3, Duration.ofSeconds(1), Duration.ZERO)
        .ticker(ticker)
        .build();

    for (int period = 0; period < 2; period++) {
      for (int i = 0; i < 3; i++) {
        guard.call("img" + i, () -> client.labels("img"));
      }
      assertThatThrownBy(() -> guard.call("img", () -> client.labels("img")))
          .isInstanceOfSatisfying(CallRejectedException.class,
              rejected -> assertThat(rejected.reason()).isEqualTo(Reason.RATE_LIMITED));
      ticker.advance(Duration.ofSeconds(1));
    }

    assertThat(stub.requests()).isEqualTo(6);
    assertThat(guard.stats().rejected(Reason.RATE_LIMITED)).isEqualTo(2);
  }

  @Test
  void retryWaitsForTheServersRetryAfter() throws Exception {
    List<Duration> delays = new CopyOnWriteArrayList<>();
    Guard<String, String> guard = Guard.builder("vision-api")
        .retry(3, Duration.ofMillis(1), Duration.ofMillis(5))
        .deadline(Duration.ofSeconds(10))
        .listener(event -> {
          if (event.kind() == GuardEvent.Kind.RETRYING) {
            delays.add(event.retryDelay());
          }
        })
        .build();
    stub.script(Reply.tooManyRequests("1"));

    assertThat(guard.call("cat.jpg", () -> client.labels("cat.jpg"))).startsWith("cat,sofa");

    assertThat(delays).containsExactly(Duration.ofSeconds(1));
    assertThat(stub.requests()).isEqualTo(2);
    long gap = stub.arrivals().get(1) - stub.arrivals().get(0);
    assertThat(gap).isGreaterThanOrEqualTo(TimeUnit.SECONDS.toNanos(1));
  }

  @Test
  void retryAfterLongerThanTheDeadlineGivesUpAtOnce() {
    Guard<String, String> guard = Guard.builder("vision-api")
        .retry(5, Duration.ofMillis(1), Duration.ofMillis(5))
        .deadline(Duration.ofSeconds(2))
        .build();
    stub.script(Reply.tooManyRequests("120"));

    assertThatThrownBy(() -> guard.call("cat.jpg", () -> client.labels("cat.jpg")))
        .isInstanceOfSatisfying(CallRejectedException.class, rejected -> {
          assertThat(rejected.reason()).isEqualTo(Reason.DEADLINE_EXCEEDED);
          assertThat(rejected.getCause()).isInstanceOf(VisionApiException.class);
        });
    assertThat(stub.requests()).isEqualTo(1);
  }

  @Test
  void retriesOnlyWhatThePredicateAllows() throws Exception {
    Guard<String, String> guard = Guard.builder("vision-api")
        .retry(3, Duration.ZERO, Duration.ZERO)
        .retryOn(failure -> failure instanceof VisionApiException api && api.status() >= 500)
        .build();

    stub.script(Reply.status(503), Reply.status(503));
    assertThat(guard.call("a", () -> client.labels("a"))).startsWith("cat,sofa");
    assertThat(stub.requests()).isEqualTo(3);

    stub.script(Reply.status(400));
    assertThatThrownBy(() -> guard.call("b", () -> client.labels("b")))
        .isInstanceOfSatisfying(VisionApiException.class, api -> assertThat(api.status()).isEqualTo(400));
    assertThat(stub.requests()).isEqualTo(4);
    assertThat(guard.stats().retries()).isEqualTo(2);
  }

  @Test
  void asyncCallsRetryAndCountOnceInTheBreaker() throws Exception {
    Guard<String, String> guard = Guard.builder("vision-api")
        .circuitBreaker(CircuitBreakerConfig.ofDefaults())
        .retry(3, Duration.ZERO, Duration.ZERO)
        .build();
    stub.script(Reply.status(503), Reply.tooManyRequests("0"));

    assertThat(guard.callAsync("cat.jpg", () -> client.labelsAsync("cat.jpg")).get(20, TimeUnit.SECONDS))
        .startsWith("cat,sofa");

    assertThat(stub.requests()).isEqualTo(3);
    GuardStats stats = guard.stats();
    assertThat(stats.retries()).isEqualTo(2);
    assertThat(stats.successes()).isEqualTo(1);
    assertThat(stats.failures()).isZero();
  }

  @Test
  void timeoutCutsHungCallsSyncAndAsync() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    Guard<String, String> guard = Guard.builder("vision-api").timeout(Duration.ofMillis(200)).build();
    stub.script(Reply.heldUntil(release), Reply.heldUntil(release));
    try {
      assertThatThrownBy(() -> guard.call("cat.jpg", () -> client.labels("cat.jpg")))
          .isInstanceOfSatisfying(CallRejectedException.class,
              rejected -> assertThat(rejected.reason()).isEqualTo(Reason.TIMEOUT));
      assertThat(Thread.currentThread().isInterrupted()).isFalse();

      CompletableFuture<String> async = guard.callAsync("cat.jpg", () -> client.labelsAsync("cat.jpg"));
      assertThatThrownBy(async::get).isInstanceOf(ExecutionException.class)
          .cause().isInstanceOfSatisfying(CallRejectedException.class,
              rejected -> assertThat(rejected.reason()).isEqualTo(Reason.TIMEOUT));

      assertThat(guard.call("dog.jpg", () -> client.labels("dog.jpg"))).startsWith("cat,sofa");
      assertThat(guard.stats().rejected(Reason.TIMEOUT)).isEqualTo(2);
    } finally {
      release.countDown();
    }
  }

  @Test
  void hundredConcurrentIdenticalCallsReachTheApiOnce() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    // One bulkhead slot: de-duplication comes first, so the 100 callers need only one.
    Guard<String, String> guard = Guard.builder("vision-api")
        .deduplicate()
        .bulkhead(1, Duration.ZERO)
        .build();
    stub.otherwise(Reply.heldUntil(release));
    List<Thread> callers = new ArrayList<>();
    List<String> answers = new CopyOnWriteArrayList<>();
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    for (int i = 0; i < 100; i++) {
      Thread caller = new Thread(() -> {
        try {
          answers.add(guard.call("cat.jpg", () -> client.labels("cat.jpg")));
        } catch (Exception failure) {
          failures.add(failure);
        }
      });
      callers.add(caller);
      caller.start();
    }
    // Every caller is parked either in the HTTP call or waiting to share it.
    await().atMost(Duration.ofSeconds(20)).until(() -> stub.requests() == 1
        && callers.stream().allMatch(t -> t.getState() == Thread.State.WAITING));
    release.countDown();
    for (Thread caller : callers) {
      caller.join();
    }

    assertThat(failures).isEmpty();
    assertThat(answers).hasSize(100).containsOnly("cat,sofa:image=cat.jpg");
    assertThat(stub.requests()).isEqualTo(1);
  }

  @Test
  void concurrentIdenticalAsyncCallsShareOneRequestAndTheAsyncCacheServesRepeats() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    ConcurrentHashMap<String, CompletableFuture<String>> map = new ConcurrentHashMap<>();
    AsyncResultCache<String, String> cache = (key, loader) -> {
      CompletableFuture<String> cached = map.get(key);
      if (cached != null) {
        return cached;
      }
      CompletableFuture<String> loaded = loader.apply(key).toCompletableFuture();
      loaded.thenAccept(value -> map.put(key, CompletableFuture.completedFuture(value)));
      return loaded;
    };
    Guard<String, String> guard = Guard.builder("vision-api").asyncCache(cache).deduplicate().build();
    stub.script(Reply.heldUntil(release));

    List<CompletableFuture<String>> calls = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      calls.add(guard.callAsync("cat.jpg", () -> client.labelsAsync("cat.jpg")));
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> stub.requests() == 1);
    release.countDown();
    for (CompletableFuture<String> call : calls) {
      assertThat(call.get(20, TimeUnit.SECONDS)).isEqualTo("cat,sofa:image=cat.jpg");
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> map.containsKey("cat.jpg"));
    assertThat(guard.callAsync("cat.jpg", () -> client.labelsAsync("cat.jpg")).get()).isEqualTo("cat,sofa:image=cat.jpg");

    assertThat(stub.requests()).isEqualTo(1);
  }

  @Test
  void bulkheadRejectsCallsBeyondItsLimit() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    Guard<String, String> guard = Guard.builder("vision-api").bulkhead(1, Duration.ZERO).build();
    stub.script(Reply.heldUntil(release));
    CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> {
      try {
        return guard.call("a", () -> client.labels("a"));
      } catch (Exception failure) {
        throw new IllegalStateException(failure);
      }
    });
    await().atMost(Duration.ofSeconds(10)).until(() -> stub.requests() == 1);

    assertThatThrownBy(() -> guard.call("b", () -> client.labels("b")))
        .isInstanceOfSatisfying(CallRejectedException.class,
            rejected -> assertThat(rejected.reason()).isEqualTo(Reason.BULKHEAD_FULL));
    release.countDown();
    assertThat(first.get()).startsWith("cat,sofa");
    assertThat(guard.call("c", () -> client.labels("c"))).startsWith("cat,sofa");
  }

  @Test
  void fallbackSeesTheReasonAndTheCause() throws Exception {
    AtomicReference<Throwable> seen = new AtomicReference<>();
    Guard<String, String> guard = Guard.builder("vision-api")
        .retry(2, Duration.ZERO, Duration.ZERO)
        .deadline(Duration.ofSeconds(1))
        .fallback((String key, Throwable failure) -> {
          seen.set(failure);
          return "unlabelled:" + key;
        })
        .build();
    stub.script(Reply.tooManyRequests("60"));

    assertThat(guard.call("cat.jpg", () -> client.labels("cat.jpg"))).isEqualTo("unlabelled:cat.jpg");

    assertThat(seen.get()).isInstanceOfSatisfying(CallRejectedException.class, rejected -> {
      assertThat(rejected.reason()).isEqualTo(Reason.DEADLINE_EXCEEDED);
      assertThat(rejected.getCause()).isInstanceOf(VisionApiException.class);
    });
    assertThat(guard.stats().fallbacks()).isEqualTo(1);
  }

  @Test
  void asyncFallbackSeesRateLimiting() throws Exception {
    Guard<String, String> guard = Guard.builder("vision-api")
        .rateLimit(1, Duration.ofHours(1), Duration.ZERO)
        .fallback((String key, Throwable failure) ->
            failure instanceof CallRejectedException rejected ? rejected.reason().name() : "other")
        .build();

    assertThat(guard.callAsync("a", () -> client.labelsAsync("a")).get()).startsWith("cat,sofa");
    assertThat(guard.callAsync("b", () -> client.labelsAsync("b")).get()).isEqualTo("RATE_LIMITED");
    assertThat(stub.requests()).isEqualTo(1);
  }

  @Test
  void resultCacheAnswersRepeatedKeysWithoutCallingTheApiAndNeverCachesFailures() throws Exception {
    ConcurrentHashMap<String, String> map = new ConcurrentHashMap<>();
    Guard<String, String> guard = Guard.builder("vision-api")
        .cache((ResultCache<String, String>) map::computeIfAbsent)
        .build();
    stub.script(Reply.status(503));

    assertThatThrownBy(() -> guard.call("cat.jpg", () -> client.labels("cat.jpg")))
        .isInstanceOf(VisionApiException.class);
    assertThat(guard.call("cat.jpg", () -> client.labels("cat.jpg"))).startsWith("cat,sofa");
    assertThat(guard.call("cat.jpg", () -> client.labels("cat.jpg"))).startsWith("cat,sofa");

    assertThat(stub.requests()).isEqualTo(2);
    assertThat(map).containsKey("cat.jpg");
  }

  /** A clock the test moves by hand, for the breaker's wait in the open state. */
  private static final class MutableClock extends Clock {
    private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
