package dev.hotpath.core.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Copies of maps that keep their order, for core's value types. */
public final class OrderedMaps {
  private OrderedMaps() {}

  /**
   * Copies a map into an unmodifiable one that keeps the source's iteration order, rejecting null
   * keys and values.
   *
   * @param <V> the value type
   * @param source the map to copy
   * @param keyWhat what a key is, for the message, e.g. {@code "detail key"}
   * @param valueWhat what a value is, followed by its key in the message, e.g. {@code "value of
   *     detail"}
   * @return the copy
   * @throws NullPointerException if a key or value is null
   */
  public static <V> Map<String, V> copyWithoutNulls(
      Map<String, ? extends V> source, String keyWhat, String valueWhat) {
    if (source.isEmpty()) {
      return Map.of();
    }
    Map<String, V> copy = new LinkedHashMap<>(source.size() * 2);
    source.forEach(
        (key, value) -> {
          Objects.requireNonNull(key, () -> keyWhat + " must not be null");
          Objects.requireNonNull(value, () -> valueWhat + " " + key + " must not be null");
          copy.put(key, value);
        });
    return Collections.unmodifiableMap(copy);
  }
}
