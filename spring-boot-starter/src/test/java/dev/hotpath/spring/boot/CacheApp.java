package dev.hotpath.spring.boot;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Import;
import org.springframework.stereotype.Service;

/** A Boot application caching albums with Spring's annotations. */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableCaching
@Import(CacheApp.Albums.class)
class CacheApp {
  /** The cached value; a record, encoded as JSON in Redis. */
  record Album(int id, String title, int load) {}

  /** Counts the loads that really ran, and can hold one until released. */
  @Service
  static class Albums {
    private final AtomicInteger loads = new AtomicInteger();
    private volatile CountDownLatch hold = new CountDownLatch(0);

    // Accessors, not fields: the bean callers see is a caching proxy without this state.
    public int loads() {
      return loads.get();
    }

    public void holdLoadsUntil(CountDownLatch release) {
      hold = release;
    }

    @Cacheable(cacheNames = "albums", sync = true)
    public Album album(int id) throws InterruptedException {
      int load = loads.incrementAndGet();
      if (!hold.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("test never released the load");
      }
      return new Album(id, "album " + id, load);
    }

    @CacheEvict(cacheNames = "albums")
    public void rename(int id) {}

    @CacheEvict(cacheNames = "albums", allEntries = true)
    public void renameAll() {}

    @InvalidateTags("album:#id")
    public void retitle(int id) {}

    @InvalidateTags("album:#{#result.id()}")
    public Album replace(int id) {
      return new Album(id, "replaced", 0);
    }

    @InvalidateTags("album:#id")
    public void failToRetitle(int id) {
      throw new IllegalStateException("retitle failed");
    }
  }
}
