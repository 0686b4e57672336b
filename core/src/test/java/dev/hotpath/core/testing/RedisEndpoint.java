package dev.hotpath.core.testing;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;

/**
 * Where a test finds Redis.
 *
 * @param uri the Redis URI, {@code redis://host:port} (possibly with credentials or a database),
 *     ready for Lettuce's {@code RedisURI.create}
 * @param host the host name or address, without IPv6 brackets, for raw sockets
 * @param port the TCP port, 1 to 65535
 */
public record RedisEndpoint(String uri, String host, int port) {

  private static final int DEFAULT_PORT = 6379;

  /**
   * Validates the components.
   *
   * @throws NullPointerException if {@code uri} or {@code host} is null
   * @throws IllegalArgumentException if {@code port} is outside 1 to 65535
   */
  public RedisEndpoint {
    Objects.requireNonNull(uri, "uri must not be null");
    Objects.requireNonNull(host, "host must not be null");
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("port must be between 1 and 65535, was " + port);
    }
  }

  /**
   * Returns the endpoint of a Redis without credentials at {@code host:port}.
   *
   * @param host the host name or address
   * @param port the TCP port
   * @return the endpoint, whose URI is {@code redis://host:port}
   */
  public static RedisEndpoint of(String host, int port) {
    String authority = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    return new RedisEndpoint("redis://" + authority + ":" + port, host, port);
  }

  /**
   * Parses a {@code redis://} or {@code rediss://} URI; the port defaults to 6379.
   *
   * @param uri the URI, for example {@code redis://127.0.0.1:6379}
   * @return the endpoint keeping {@code uri} as given
   * @throws IllegalArgumentException if {@code uri} is not a Redis URI with a host
   */
  public static RedisEndpoint parse(String uri) {
    URI parsed;
    try {
      parsed = new URI(uri.strip());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("Redis URI must be redis://host[:port], was '" + uri + "'", e);
    }
    String scheme = parsed.getScheme();
    if (!("redis".equals(scheme) || "rediss".equals(scheme)) || parsed.getHost() == null) {
      throw new IllegalArgumentException("Redis URI must be redis://host[:port], was '" + uri + "'");
    }
    String host = parsed.getHost().replaceAll("^\\[|\\]$", "");
    return new RedisEndpoint(uri.strip(), host, parsed.getPort() < 0 ? DEFAULT_PORT : parsed.getPort());
  }

  /** Hides any credentials in the URI so that endpoints can be logged. */
  @Override
  public String toString() {
    return "RedisEndpoint[uri=" + uri.replaceFirst("//[^/@]*@", "//****@")
        + ", host=" + host + ", port=" + port + "]";
  }
}
