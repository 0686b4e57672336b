package dev.hotpath.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/** Runs work on several threads released at once by a latch, to force races instead of hoping. */
final class StartedTogether {
  private StartedTogether() {}

  /**
   * Runs {@code work} once per thread (with the thread's index), all released together; repeats
   * {@code meanwhile} on the calling thread until they finish, then rethrows any failure.
   */
  static void run(int threads, IntConsumer work, Runnable meanwhile) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch ready = new CountDownLatch(threads);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    try {
      for (int t = 0; t < threads; t++) {
        int index = t;
        done.add(pool.submit(() -> {
          ready.countDown();
          go.await();
          work.accept(index);
          return null;
        }));
      }
      ready.await();
      go.countDown();
      while (!done.stream().allMatch(Future::isDone)) {
        meanwhile.run();
      }
      for (Future<?> future : done) {
        future.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
