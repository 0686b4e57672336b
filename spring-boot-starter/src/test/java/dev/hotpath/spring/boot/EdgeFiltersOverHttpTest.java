package dev.hotpath.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpath.core.testing.RedisEndpoint;
import dev.hotpath.core.testing.TestServices;
import dev.hotpath.servlet.RateLimitFilter;
import dev.hotpath.servlet.ResponseCacheFilter;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The response cache and the inbound rate limit as a Boot user switches them on with
 * properties: real Tomcat, the JDK's HTTP client, the real Redis for the shared page store.
 */
class EdgeFiltersOverHttpTest {
  private final HttpClient client = HttpClient.newHttpClient();

  @Test
  void aCachedPageIsServedFromTheSharedStoreUntilItsTagIsInvalidated() throws Exception {
    RedisEndpoint redis = TestServices.redis();
    String prefix = "boot-response-cache-" + UUID.randomUUID();
    try (ConfigurableApplicationContext context = Apps.start(EdgeApp.class,
        WebApplicationType.SERVLET,
        "spring.data.redis.host=" + redis.host(), "spring.data.redis.port=" + redis.port(),
        "hotpath.cache.redis.key-prefix=" + prefix, "hotpath.cache.redis.operation-timeout=1s",
        // Any declared cache switches the cache block on; the pages then go to its Redis tier.
        "hotpath.cache.caches.albums.maximum-size=100", "hotpath.cache.caches.albums.redis=false",
        "hotpath.servlet.response-cache.enabled=true",
        "hotpath.servlet.response-cache.rules[GET /albums/{id}].ttl=10m",
        "hotpath.servlet.response-cache.rules[GET /albums/{id}].tags=album:{id}",
        "hotpath.servlet.response-cache.rules[GET /albums/{id}].scope=public")) {
      String base = Apps.baseUrl(context);

      HttpResponse<String> first = get(base + "/albums/7");
      assertThat(first.statusCode()).isEqualTo(200);
      assertThat(first.body()).contains("\"render\":1");
      assertThat(first.headers().firstValue("Server-Timing")).hasValueSatisfying(
          timing -> assertThat(timing).containsPattern("response-cache;[^,]*desc=\"miss\""));

      HttpResponse<String> second = get(base + "/albums/7");
      assertThat(second.body()).as("served from the cache, not rendered again")
          .contains("\"render\":1");
      assertThat(second.headers().firstValue("Server-Timing")).hasValueSatisfying(
          timing -> assertThat(timing).containsPattern("response-cache;[^,]*desc=\"hit\""));
      assertThat(keysUnder(redis, prefix)).as("the page is in Redis, shared by every node")
          .isPositive();

      context.getBean(TieredCacheManager.class).invalidateTag("album:8");
      assertThat(get(base + "/albums/7").body()).as("another album's tag leaves it")
          .contains("\"render\":1");

      context.getBean(TieredCacheManager.class).invalidateTag("album:7");
      HttpResponse<String> after = get(base + "/albums/7");
      assertThat(after.body()).as("rendered again after its tag was invalidated")
          .contains("\"render\":2");
      assertThat(after.headers().firstValue("Server-Timing")).hasValueSatisfying(
          timing -> assertThat(timing).containsPattern("response-cache;[^,]*desc=\"miss\""));
    }
  }

  @Test
  void aBurstFromOneApiKeyGets429WithRetryAfterWhileAnotherKeyPasses() throws Exception {
    try (ConfigurableApplicationContext context = Apps.start(EdgeApp.class,
        WebApplicationType.SERVLET,
        "hotpath.servlet.rate-limit.enabled=true",
        "hotpath.servlet.rate-limit.rules[GET /labels].permits=3",
        "hotpath.servlet.rate-limit.rules[GET /labels].period=1m",
        "hotpath.servlet.rate-limit.client-key.header=X-Api-Key")) {
      String base = Apps.baseUrl(context);

      for (int i = 0; i < 3; i++) {
        assertThat(get(base + "/labels", "X-Api-Key", "key-a").statusCode()).isEqualTo(200);
      }
      HttpResponse<String> limited = get(base + "/labels", "X-Api-Key", "key-a");
      assertThat(limited.statusCode()).isEqualTo(429);
      assertThat(limited.headers().firstValue("Retry-After")).hasValueSatisfying(seconds ->
          assertThat(Long.parseLong(seconds)).isBetween(1L, 60L));
      assertThat(limited.body()).doesNotContain("cat,dog");

      HttpResponse<String> other = get(base + "/labels", "X-Api-Key", "key-b");
      assertThat(other.statusCode()).as("another key has its own limit").isEqualTo(200);
      assertThat(other.body()).isEqualTo("cat,dog");
      assertThat(get(base + "/albums/1", "X-Api-Key", "key-a").statusCode())
          .as("a route without a rule is not limited").isEqualTo(200);
    }
  }

  @Test
  void bothFiltersSitBetweenTimingAndDedupInTheDocumentedOrder() {
    try (ConfigurableApplicationContext context = Apps.start(EdgeApp.class,
        WebApplicationType.SERVLET,
        "hotpath.servlet.rate-limit.enabled=true",
        "hotpath.servlet.rate-limit.rules[GET /labels].permits=3",
        "hotpath.servlet.response-cache.enabled=true",
        "hotpath.servlet.response-cache.rules[GET /albums/{id}].ttl=1m")) {
      int timing = order(context, "hotpathTimingFilterRegistration");
      int rateLimit = order(context, "hotpathRateLimitFilterRegistration");
      int responseCache = order(context, "hotpathResponseCacheFilterRegistration");
      int dedup = order(context, "hotpathDedupFilterRegistration");
      assertThat(timing).isLessThan(rateLimit);
      assertThat(rateLimit).isLessThan(responseCache);
      assertThat(responseCache).isLessThan(dedup);
      assertThat(context.getBean("hotpathRateLimitFilterRegistration", FilterRegistrationBean.class)
          .getFilter()).isInstanceOf(RateLimitFilter.class);
      assertThat(context.getBean("hotpathResponseCacheFilterRegistration",
          FilterRegistrationBean.class).getFilter()).isInstanceOf(ResponseCacheFilter.class);
    }
  }

  @Test
  void nothingIsRegisteredWhileDisabled() throws Exception {
    try (ConfigurableApplicationContext context = Apps.start(EdgeApp.class,
        WebApplicationType.SERVLET,
        "hotpath.servlet.rate-limit.rules[GET /labels].permits=1",
        "hotpath.servlet.response-cache.rules[GET /albums/{id}].ttl=1m")) {
      assertThat(context.getBeanNamesForType(RateLimitFilter.class)).isEmpty();
      assertThat(context.containsBean("hotpathRateLimitFilterRegistration")).isFalse();
      assertThat(context.containsBean("hotpathResponseCacheFilterRegistration")).isFalse();
      String base = Apps.baseUrl(context);
      assertThat(get(base + "/labels").statusCode()).isEqualTo(200);
      assertThat(get(base + "/labels").statusCode()).as("rules alone limit nothing").isEqualTo(200);
      assertThat(get(base + "/albums/3").body()).contains("\"render\":1");
      assertThat(get(base + "/albums/3").body()).as("rules alone cache nothing")
          .contains("\"render\":2");
    }
  }

  private static int order(ConfigurableApplicationContext context, String name) {
    return context.getBean(name, FilterRegistrationBean.class).getOrder();
  }

  private static long keysUnder(RedisEndpoint redis, String prefix) {
    RedisClient redisClient = RedisClient.create(redis.uri());
    try (StatefulRedisConnection<String, String> connection = redisClient.connect()) {
      return connection.sync().keys(prefix + ":*").size();
    } finally {
      redisClient.shutdown();
    }
  }

  private HttpResponse<String> get(String url, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
