package dev.hotpath.servlet;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotpath.core.testing.TestServices;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two nodes (two containers, two filters, two Redis connections) share one budget per client. */
class RedisRateLimitStoreTest {
  private final AtomicInteger served = new AtomicInteger();
  private final String prefix = "hotpath-test:ratelimit:" + UUID.randomUUID() + ":";
  private RedisClient redis;
  private StatefulRedisConnection<byte[], byte[]> nodeA;
  private StatefulRedisConnection<byte[], byte[]> nodeB;

  @BeforeEach
  void connect() {
    redis = RedisClient.create(TestServices.redis().uri());
    nodeA = redis.connect(ByteArrayCodec.INSTANCE);
    nodeB = redis.connect(ByteArrayCodec.INSTANCE);
  }

  @AfterEach
  void close() {
    List<byte[]> keys = nodeA.sync().scan(ScanArgs.Builder.matches(prefix + "*").limit(1_000)).getKeys();
    if (!keys.isEmpty()) {
      nodeA.sync().del(keys.toArray(new byte[0][]));
    }
    nodeA.close();
    nodeB.close();
    redis.shutdown();
  }

  private TestServer node(StatefulRedisConnection<byte[], byte[]> connection) throws Exception {
    return RateLimitFilterTest.serve(RateLimitFilterTest.labelsPerApiKey(4)
        .store(RedisRateLimitStore.create(connection, prefix)).build(), served);
  }

  @ContainerTest
  void twoNodesDrawOnOneBudgetPerClient() throws Exception {
    try (TestServer a = node(nodeA); TestServer b = node(nodeB)) {
      for (int i = 0; i < 4; i++) {
        TestServer node = i % 2 == 0 ? a : b;
        HttpResponse<byte[]> ok = node.get("/api/labels", "X-Api-Key", "alice-secret-key");
        assertThat(ok.statusCode()).as("request %d", i).isEqualTo(200);
        assertThat(ok.headers().firstValue("RateLimit").orElseThrow())
            .startsWith("\"labels\";r=" + (3 - i) + ";t=");
      }
      for (TestServer node : List.of(a, b)) {
        HttpResponse<byte[]> refused = node.get("/api/labels", "X-Api-Key", "alice-secret-key");
        assertThat(refused.statusCode()).as("the fifth and sixth, on either node").isEqualTo(429);
        long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 60L);
        assertThat(refused.headers().firstValue("RateLimit")).hasValue("\"labels\";r=0;t=" + retryAfter);
      }
      assertThat(b.get("/api/labels", "X-Api-Key", "bob").statusCode()).as("bob has his own").isEqualTo(200);
      assertThat(served).hasValue(5);

      List<byte[]> keys = nodeA.sync().scan(ScanArgs.Builder.matches(prefix + "*").limit(1_000)).getKeys();
      assertThat(keys).hasSize(2);
      for (byte[] key : keys) {
        assertThat(new String(key, UTF_8)).doesNotContain("alice").doesNotContain("bob").matches(
            java.util.regex.Pattern.quote(prefix) + "[0-9a-f]{64}");
        assertThat(nodeA.sync().pttl(key)).as("expires, so Redis holds only recent clients")
            .isBetween(1L, 65_000L);
      }
    }
  }

  @ContainerTest
  void whenRedisFailsRequestsPassAndAreCounted() throws Exception {
    RateLimitFilter filter = RateLimitFilter.builder()
        .rule("GET /api/*", RateLimit.of("labels", 1, Duration.ofSeconds(60)))
        .store(RedisRateLimitStore.create(nodeB, prefix))
        .build();
    nodeB.close();
    try (TestServer server = TestServer.start(context -> {
      TestServer.addFilter(context, filter);
      TestServer.addServlet(context, TestServer.servlet((req, resp) -> resp.getWriter().write("x")), "/api/*");
    })) {
      for (int i = 0; i < 2; i++) {
        HttpResponse<byte[]> passed = server.get("/api/labels");
        assertThat(passed.statusCode()).isEqualTo(200);
        assertThat(passed.headers().firstValue("RateLimit")).isEmpty();
      }
      assertThat(filter.storeFailures()).isEqualTo(2);
      assertThat(filter.trackedClients()).isEqualTo(-1);
    }
  }

  @Test
  void badArgumentsNameTheParameter() {
    assertThatThrownBy(() -> RedisRateLimitStore.create(null, "p:"))
        .isInstanceOf(NullPointerException.class).hasMessage("connection must not be null");
    assertThatThrownBy(() -> RedisRateLimitStore.create(nodeA, " "))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("keyPrefix must not be blank, was \" \"");
    RateLimitFilter.Builder both = RateLimitFilter.builder()
        .store(RateLimitStore.inMemory(10)).maxTrackedClients(5);
    assertThatThrownBy(both::build).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("maxTrackedClients");
  }
}
