package dev.hotpath.cache.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.hotpath.cache.Codec;
import java.util.Objects;

/** The default {@link Codec}: JSON through Jackson, with a reader and writer bound once. */
public final class JacksonCodec<V> implements Codec<V> {
  /**
   * Reads strings of any length: Jackson's default reader refuses strings over 20 million chars,
   * which its writer produces without complaint (and which gzip makes small enough for Redis).
   * Memory stays bounded by the cache's bound on decompressed bytes. Other limits (number length,
   * nesting) stay; a value beyond them is not written to Redis, as every write is read back once.
   */
  private static final ObjectMapper DEFAULT_MAPPER =
      new ObjectMapper(
              JsonFactory.builder()
                  .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
                  .build())
          .findAndRegisterModules();

  private final ObjectReader reader;
  private final ObjectWriter writer;

  private JacksonCodec(ObjectMapper mapper, JavaType type) {
    this.reader = mapper.readerFor(type);
    this.writer = mapper.writerFor(type);
  }

  /**
   * Returns a codec for a class with the shared default mapper.
   *
   * @param type the value class
   * @param <V> the value type
   * @return the codec
   */
  public static <V> Codec<V> of(Class<V> type) {
    Objects.requireNonNull(type, "type must not be null");
    return new JacksonCodec<>(DEFAULT_MAPPER, DEFAULT_MAPPER.constructType(type));
  }

  /**
   * Returns a codec for a generic type with the caller's mapper.
   *
   * @param mapper the mapper
   * @param type the value type
   * @param <V> the value type
   * @return the codec
   */
  public static <V> Codec<V> of(ObjectMapper mapper, TypeReference<V> type) {
    Objects.requireNonNull(mapper, "mapper must not be null");
    Objects.requireNonNull(type, "type must not be null");
    return new JacksonCodec<>(mapper, mapper.constructType(type));
  }

  @Override
  public byte[] encode(V value) throws Exception {
    return writer.writeValueAsBytes(value);
  }

  @Override
  public V decode(byte[] bytes) throws Exception {
    V value = reader.readValue(bytes);
    if (value == null) {
      throw new IllegalArgumentException("JSON null is not a cached value");
    }
    return value;
  }
}
