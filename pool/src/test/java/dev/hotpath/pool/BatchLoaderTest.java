package dev.hotpath.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;

class BatchLoaderTest {

  private final List<Set<Integer>> batches = new CopyOnWriteArrayList<>();

  private Map<Integer, String> names(Set<Integer> keys) {
    batches.add(Set.copyOf(keys));
    Map<Integer, String> values = new HashMap<>();
    for (Integer key : keys) {
      if (key >= 0) {
        values.put(key, "v" + key);
      }
    }
    return values;
  }

  @Test
  void manyLoadsBecomeOneBulkLoadWithDistinctKeys() {
    BatchLoader<Integer, String> loader = BatchLoader.<Integer, String>builder(this::names).build();
    CompletableFuture<String> a = loader.load(1);
    CompletableFuture<String> b = loader.load(2);
    CompletableFuture<String> again = loader.load(1);
    assertThat(again).isSameAs(a);
    assertThat(loader.waiting()).isEqualTo(2);
    assertThat(a).isNotDone();
    assertThat(loader.dispatch()).isEqualTo(2);
    assertThat(batches).containsExactly(Set.of(1, 2));
    assertThat(a.join()).isEqualTo("v1");
    assertThat(b.join()).isEqualTo("v2");
    assertThat(loader.dispatch()).isZero();
    assertThat(batches).hasSize(1);
  }

  @Test
  void keysTheBulkLoadLeavesOutCompleteWithNull() {
    BatchLoader<Integer, String> loader = BatchLoader.<Integer, String>builder(this::names).build();
    CompletableFuture<String> missing = loader.load(-1);
    loader.dispatch();
    assertThat(missing.join()).isNull();
  }

  @Test
  void aFailedBulkLoadFailsEveryKeyOfTheBatch() {
    IllegalStateException boom = new IllegalStateException("db down");
    BatchLoader<Integer, String> loader = BatchLoader.<Integer, String>builder(keys -> {
      throw boom;
    }).build();
    CompletableFuture<String> a = loader.load(1);
    CompletableFuture<String> b = loader.load(2);
    loader.dispatch();
    assertThatThrownBy(a::join).isInstanceOf(CompletionException.class).hasCause(boom);
    assertThatThrownBy(b::join).hasCause(boom);
  }

  @Test
  void partialFailuresFailOnlyTheirKeys() {
    IllegalArgumentException badKey = new IllegalArgumentException("no access to 2");
    BatchLoader<Integer, String> loader = BatchLoader.<Integer, String>builder(keys -> {
      throw new PartialBatchException(Map.of(1, "v1"), Map.of(2, badKey));
    }).build();
    CompletableFuture<String> ok = loader.load(1);
    CompletableFuture<String> failed = loader.load(2);
    CompletableFuture<String> absent = loader.load(3);
    loader.dispatch();
    assertThat(ok.join()).isEqualTo("v1");
    assertThatThrownBy(failed::join).hasCause(badKey);
    assertThat(absent.join()).isNull();
  }

  @Test
  void aFullBatchRunsAtOnce() {
    BatchLoader<Integer, String> loader =
        BatchLoader.<Integer, String>builder(this::names).maxBatchSize(3).build();
    List<CompletableFuture<String>> futures = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      futures.add(loader.load(i));
    }
    assertThat(batches).containsExactly(Set.of(0, 1, 2), Set.of(3, 4, 5));
    assertThat(futures.get(6)).isNotDone();
    loader.dispatch();
    assertThat(futures).allSatisfy(f -> assertThat(f).isDone());
  }

  @Test
  void aWindowRunsTheBatchWithoutAnExplicitDispatch() {
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    try {
      BatchLoader<Integer, String> loader = BatchLoader.<Integer, String>builder(this::names)
          .window(Duration.ofMillis(5), scheduler).build();
      // Keep the scheduler's only thread busy so the window cannot close between the two loads,
      // however slow this machine is; it closes once released.
      CountDownLatch holdScheduler = new CountDownLatch(1);
      scheduler.execute(() -> awaitQuietly(holdScheduler));
      CompletableFuture<String> a = loader.load(1);
      CompletableFuture<String> b = loader.load(2);
      holdScheduler.countDown();
      await().atMost(Duration.ofSeconds(5)).until(() -> a.isDone() && b.isDone());
      assertThat(batches).containsExactly(Set.of(1, 2));
    } finally {
      scheduler.shutdownNow();
    }
  }

  @Test
  void badConfigurationIsRejected() {
    assertThatThrownBy(() -> BatchLoader.<Integer, String>builder(this::names).maxBatchSize(0))
        .hasMessage("maxBatchSize must be at least 1, was 0");
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    try {
      assertThatThrownBy(() -> BatchLoader.<Integer, String>builder(this::names)
          .window(Duration.ofMillis(-1), scheduler))
          .hasMessage("window must be positive, was PT-0.001S");
    } finally {
      scheduler.shutdownNow();
    }
    BatchLoader<Integer, String> loader = BatchLoader.<Integer, String>builder(this::names).build();
    assertThatThrownBy(() -> loader.load(null)).hasMessage("key must not be null");
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
