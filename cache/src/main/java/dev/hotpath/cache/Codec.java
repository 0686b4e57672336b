package dev.hotpath.cache;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hotpath.cache.internal.JacksonCodec;

/**
 * Turns values into bytes for Redis and back. Implementations must be thread-safe, and
 * {@code decode(encode(v))} must equal {@code v}.
 *
 * @param <V> the value type
 */
public interface Codec<V> {

  /**
   * Encodes a value.
   *
   * @param value the value, never null
   * @return its bytes
   * @throws Exception if the value cannot be encoded; the value is then not written to Redis
   */
  byte[] encode(V value) throws Exception;

  /**
   * Decodes bytes written by {@link #encode}.
   *
   * @param bytes the bytes, never null
   * @return the value, never null
   * @throws Exception if the bytes are not a value; the cache then deletes them and reloads
   */
  V decode(byte[] bytes) throws Exception;

  /**
   * Returns a JSON codec for {@code type} using a default Jackson {@link ObjectMapper} (modules
   * found on the class path are registered).
   *
   * @param type the value class
   * @param <V> the value type
   * @return the codec
   * @throws NullPointerException if {@code type} is null
   */
  static <V> Codec<V> json(Class<V> type) {
    return JacksonCodec.of(type);
  }

  /**
   * Returns a JSON codec for {@code type} using the given mapper.
   *
   * @param mapper the configured mapper; it must not be reconfigured afterwards
   * @param type the value type, for generic values such as {@code List<Photo>}
   * @param <V> the value type
   * @return the codec
   * @throws NullPointerException if an argument is null
   */
  static <V> Codec<V> json(ObjectMapper mapper, TypeReference<V> type) {
    return JacksonCodec.of(mapper, type);
  }
}
