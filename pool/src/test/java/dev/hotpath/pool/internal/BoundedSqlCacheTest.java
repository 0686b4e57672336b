package dev.hotpath.pool.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BoundedSqlCacheTest {

  @Test
  void aHitDoesNotComputeAgain() {
    AtomicInteger computed = new AtomicInteger();
    BoundedSqlCache<String> cache = new BoundedSqlCache<>(10, 100, sql -> {
      computed.incrementAndGet();
      return sql.toUpperCase();
    });
    assertThat(cache.get("select 1")).isEqualTo("SELECT 1");
    assertThat(cache.get("select 1")).isEqualTo("SELECT 1");
    assertThat(computed).hasValue(1);
  }

  @Test
  void neverHoldsMoreThanItsBound() {
    BoundedSqlCache<Integer> cache = new BoundedSqlCache<>(50, 100, String::length);
    for (int i = 0; i < 10_000; i++) {
      cache.get("select " + i);
      assertThat(cache.size()).isLessThanOrEqualTo(50);
    }
    assertThat(cache.size()).isEqualTo(50);
  }

  @Test
  void evictsTheOldestFirst() {
    AtomicInteger computed = new AtomicInteger();
    BoundedSqlCache<Integer> cache = new BoundedSqlCache<>(2, 100, sql -> computed.incrementAndGet());
    cache.get("a");
    cache.get("b");
    cache.get("c"); // evicts a
    cache.get("b");
    cache.get("c");
    assertThat(computed).hasValue(3);
    cache.get("a");
    assertThat(computed).hasValue(4);
  }

  @Test
  void longStatementsAreComputedButNotKept() {
    AtomicInteger computed = new AtomicInteger();
    BoundedSqlCache<Integer> cache = new BoundedSqlCache<>(10, 8, sql -> computed.incrementAndGet());
    cache.get("select 123456789");
    cache.get("select 123456789");
    assertThat(computed).hasValue(2);
    assertThat(cache.size()).isZero();
  }

  @Test
  void boundsMustBePositive() {
    assertThatThrownBy(() -> new BoundedSqlCache<>(0, 10, sql -> sql))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxEntries must be at least 1, was 0");
    assertThatThrownBy(() -> new BoundedSqlCache<>(10, -1, sql -> sql))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxKeyLength must be at least 1, was -1");
  }

  @Test
  void concurrentMissesStayBounded() throws Exception {
    BoundedSqlCache<Integer> cache = new BoundedSqlCache<>(100, 100, String::length);
    int threads = 4;
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int id = t;
      Thread worker = new Thread(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        for (int i = 0; i < 20_000; i++) {
          cache.get("select " + id + "-" + i);
        }
      });
      worker.start();
      workers.add(worker);
    }
    start.countDown();
    for (Thread worker : workers) {
      worker.join();
    }
    assertThat(cache.size()).isLessThanOrEqualTo(100 + threads);
  }
}
