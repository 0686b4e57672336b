package dev.hotpath.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hotpath.cache.TieredCache;
import dev.hotpath.core.testing.RedisEndpoint;
import dev.hotpath.core.testing.TestServices;
import dev.hotpath.spring.boot.CacheApp.Album;
import dev.hotpath.spring.boot.CacheApp.Albums;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.cache.CacheManager;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Two application contexts, two "nodes", sharing the real Redis under a unique key prefix. */
class HotpathCacheAutoConfigurationTest {
  private ConfigurableApplicationContext nodeA;
  private ConfigurableApplicationContext nodeB;
  private RedisClient redisClient;
  private String prefix;

  @BeforeEach
  void startTwoNodes() {
    RedisEndpoint redis = TestServices.redis();
    redisClient = RedisClient.create(redis.uri());
    prefix = "boot-starter-test-" + UUID.randomUUID();
    nodeA = start(CacheApp.class, redis, prefix);
    nodeB = start(CacheApp.class, redis, prefix);
  }

  /** Node A's value reaches Redis after its load returns; node B reads it only from then on. */
  private void awaitInRedis(int key) {
    try (StatefulRedisConnection<String, String> connection = redisClient.connect()) {
      await().atMost(Duration.ofSeconds(10))
          .until(() -> connection.sync().exists(prefix + ":albums:k:" + key) == 1);
    }
  }

  /**
   * Reads {@code key} on a node until the node has run {@code loads} loads in all: an
   * invalidation from the other node takes effect once its message arrives.
   */
  private static void awaitReload(Albums node, int key, int loads) {
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      node.album(key);
      return node.loads() == loads;
    });
  }

  @AfterEach
  void stopNodes() {
    try (StatefulRedisConnection<String, String> connection = redisClient.connect()) {
      List<String> keys = connection.sync().keys(prefix + ":*");
      if (!keys.isEmpty()) {
        connection.sync().del(keys.toArray(new String[0]));
      }
    } finally {
      redisClient.shutdown();
    }
    for (ConfigurableApplicationContext node : new ConfigurableApplicationContext[] {nodeA, nodeB}) {
      if (node != null) {
        node.close();
      }
    }
  }

  static ConfigurableApplicationContext start(Class<?> app, RedisEndpoint redis, String prefix,
      String... more) {
    String[] cache = {"spring.data.redis.host=" + redis.host(), "spring.data.redis.port=" + redis.port(),
            "hotpath.cache.redis.key-prefix=" + prefix,
            "hotpath.cache.redis.operation-timeout=1s",
            "hotpath.cache.caches.albums.maximum-size=100",
            "hotpath.cache.caches.albums.ttl=10m",
            "hotpath.cache.caches.albums.value-type=" + Album.class.getName(),
            "hotpath.cache.caches.albums.key-tags=album:{key}"};
    String[] all = java.util.Arrays.copyOf(cache, cache.length + more.length);
    System.arraycopy(more, 0, all, cache.length, more.length);
    return Apps.start(app, all);
  }

  @Test
  void cacheableUsesTheTieredCacheAndRedisIsShared() throws Exception {
    assertThat(nodeA.getBean(CacheManager.class)).isInstanceOf(TieredCacheManager.class);
    Albums a = nodeA.getBean(Albums.class);
    Albums b = nodeB.getBean(Albums.class);
    assertThat(a.album(1).load()).isEqualTo(1);
    assertThat(a.album(1).load()).isEqualTo(1);
    awaitInRedis(1);
    assertThat(b.album(1)).as("node B reads node A's value from Redis")
        .isEqualTo(new Album(1, "album 1", 1));
    assertThat(a.loads()).isEqualTo(1);
    assertThat(b.loads()).isEqualTo(0);
  }

  @Test
  void tagInvalidationOnOneNodeHidesTheEntryOnTheOther() throws Exception {
    Albums a = nodeA.getBean(Albums.class);
    Albums b = nodeB.getBean(Albums.class);
    a.album(7);
    awaitInRedis(7);
    b.album(7);
    assertThat(b.loads()).isEqualTo(0);

    nodeA.getBean(TieredCacheManager.class).invalidateTag("album:7");

    awaitReload(b, 7, 1);
    assertThat(b.loads()).as("node B reloaded once the invalidation reached it").isEqualTo(1);
  }

  @Test
  void invalidateTagsAnnotationInvalidatesOnEveryNodeAfterTheMethodReturns() throws Exception {
    Albums a = nodeA.getBean(Albums.class);
    Albums b = nodeB.getBean(Albums.class);
    a.album(5);
    a.album(6);
    awaitInRedis(5);
    awaitInRedis(6);
    b.album(5);
    b.album(6);
    assertThat(b.loads()).isEqualTo(0);

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> a.failToRetitle(5))
        .hasMessage("retitle failed");
    assertThat(a.album(5).load()).as("a method that throws invalidates nothing").isEqualTo(1);

    a.retitle(5);
    awaitReload(b, 5, 1);
    a.replace(6);
    awaitReload(b, 6, 2);
  }

  @Test
  void cacheEvictAndClearReachTheOtherNode() throws Exception {
    Albums a = nodeA.getBean(Albums.class);
    Albums b = nodeB.getBean(Albums.class);
    a.album(1);
    a.album(2);
    awaitInRedis(1);
    awaitInRedis(2);
    b.album(1);
    b.album(2);
    assertThat(b.loads()).isEqualTo(0);

    a.rename(1);
    awaitReload(b, 1, 1);
    assertThat(b.album(2)).as("evicting key 1 leaves key 2: still node A's value")
        .isEqualTo(new Album(2, "album 2", 2));
    assertThat(b.loads()).isEqualTo(1);

    a.renameAll();
    awaitReload(b, 2, 2);
  }

  @Test
  void concurrentMissesRunTheMethodOnce() throws Exception {
    Albums a = nodeA.getBean(Albums.class);
    CountDownLatch release = new CountDownLatch(1);
    a.holdLoadsUntil(release);
    ExecutorService callers = Executors.newFixedThreadPool(8, work -> new Thread(work, "album-caller"));
    try {
      List<Future<Album>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        results.add(callers.submit(() -> a.album(42)));
      }
      // The first caller is inside the method; the other seven must be parked on its flight.
      await().atMost(Duration.ofSeconds(10)).until(() -> a.loads() == 1);
      await().atMost(Duration.ofSeconds(10)).until(() -> waitingCallers() == 8);
      release.countDown();
      for (Future<Album> result : results) {
        assertThat(result.get()).isEqualTo(new Album(42, "album 42", 1));
      }
      assertThat(a.loads()).isEqualTo(1);
    } finally {
      release.countDown();
      callers.shutdownNow();
    }
  }

  /** Counts the callers that are parked (on the hold latch or on the shared flight). */
  private static long waitingCallers() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("album-caller") && t.getState() != Thread.State.RUNNABLE)
        .filter(t -> java.util.Arrays.stream(t.getStackTrace())
            .anyMatch(frame -> frame.getClassName().equals(Albums.class.getName())
                || frame.getClassName().startsWith("dev.hotpath.cache")))
        .count();
  }

  @Test
  void declaredCachesAreBeansByName() {
    @SuppressWarnings("unchecked")
    TieredCache<Object, Object> albums = nodeA.getBean("albums", TieredCache.class);
    assertThat(albums).isSameAs(nodeA.getBean(TieredCacheManager.class).tieredCache("albums"));
    assertThat(nodeA.getAutowireCapableBeanFactory().createBean(Injected.class).albums)
        .isSameAs(albums);
  }

  @Test
  void backsOffWhenTheApplicationDefinesACacheManager() {
    try (ConfigurableApplicationContext own = start(OwnManagerApp.class, TestServices.redis(),
        "boot-starter-test-" + UUID.randomUUID())) {
      assertThat(own.getBean(CacheManager.class)).isInstanceOf(ConcurrentMapCacheManager.class);
      assertThat(own.getBeansOfType(TieredCacheManager.class)).isEmpty();
    }
  }

  @Test
  void aRedisCacheWithoutValueTypeFailsStartupNamingTheProperty() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> start(CacheApp.class,
            TestServices.redis(), prefix, "hotpath.cache.caches.plain.maximum-size=10").close())
        .satisfies(failure -> assertThat(HotpathPropertiesTest.causes(failure))
            .contains("hotpath.cache.caches.plain.value-type must be set"));
  }

  /** Injects a declared cache by its name. */
  static class Injected {
    final TieredCache<Integer, Album> albums;

    Injected(@Qualifier("albums") TieredCache<Integer, Album> albums) {
      this.albums = albums;
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnManager {
    @Bean
    CacheManager cacheManager() {
      return new ConcurrentMapCacheManager("albums");
    }
  }

  @org.springframework.boot.SpringBootConfiguration
  @org.springframework.boot.autoconfigure.EnableAutoConfiguration
  @org.springframework.cache.annotation.EnableCaching
  @Import({OwnManager.class, CacheApp.Albums.class})
  static class OwnManagerApp {}
}
