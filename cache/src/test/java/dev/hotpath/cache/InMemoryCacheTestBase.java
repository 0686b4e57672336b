package dev.hotpath.cache;

import dev.hotpath.core.testing.FakeTicker;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;

/** A hand-advanced clock and a refresh executor for tests of caches without Redis. */
abstract class InMemoryCacheTestBase {
  final FakeTicker ticker = new FakeTicker();
  final ExecutorService pool = Executors.newCachedThreadPool();

  @AfterEach
  void stopPool() {
    pool.shutdownNow();
  }

  TieredCacheBuilder<String, String> builder() {
    return TieredCache.<String, String>builder("test").maximumSize(1_000).ticker(ticker).executor(pool);
  }
}
