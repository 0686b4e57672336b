package dev.hotpath.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EndpointTest {

  @Test
  void redisUriPortDefaultsTo6379() {
    assertThat(RedisEndpoint.parse("rediss://cache.example/2"))
        .isEqualTo(new RedisEndpoint("rediss://cache.example/2", "cache.example", 6379));
  }

  @Test
  void redisUriKeepsIpv6HostWithoutBrackets() {
    RedisEndpoint redis = RedisEndpoint.parse("redis://[::1]:6380");

    assertThat(redis.host()).isEqualTo("::1");
    assertThat(RedisEndpoint.of("::1", 6380).uri()).isEqualTo("redis://[::1]:6380");
  }

  @Test
  void redisUriRejectsOtherSchemesNamingTheValue() {
    assertThatThrownBy(() -> RedisEndpoint.parse("http://cache.example:6379"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Redis URI must be redis://host[:port], was 'http://cache.example:6379'");
  }

  @Test
  void redisToStringHidesCredentials() {
    assertThat(RedisEndpoint.parse("redis://user:secret@cache.example:6379").toString())
        .contains("redis://****@cache.example:6379")
        .doesNotContain("secret");
  }

  @Test
  void postgresToStringHidesPassword() {
    assertThat(new PostgresEndpoint("jdbc:postgresql://db/test", "app", "secret").toString())
        .contains("user=app", "password=****")
        .doesNotContain("secret");
  }

  @Test
  void postgresEndpointRejectsOtherJdbcUrls() {
    assertThatThrownBy(() -> new PostgresEndpoint("jdbc:h2:mem:test", "sa", ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("jdbcUrl must start with jdbc:postgresql:, was 'jdbc:h2:mem:test'");
  }
}
