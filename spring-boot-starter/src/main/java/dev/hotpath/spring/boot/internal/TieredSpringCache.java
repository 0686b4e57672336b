package dev.hotpath.spring.boot.internal;

import dev.hotpath.cache.TieredCache;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.springframework.cache.Cache;
import org.springframework.cache.support.SimpleValueWrapper;

/**
 * A Spring {@link Cache} over a {@link TieredCache}. {@code @Cacheable(sync = true)} goes through
 * {@link #get(Object, Callable)}, so concurrent misses of a key run the method once and a load
 * that began before an invalidation never installs its value; {@link #clear()} and
 * {@link #invalidate()} are {@link TieredCache#invalidateAll()} on every node. Entries get the
 * tags their key's templates name ({@code album:{key}}).
 *
 * <p>{@link TieredCache} has no read without a loader, so the plain {@link #get(Object)} that
 * {@code @Cacheable} without {@code sync} uses is a bulk read of one key whose loader finds
 * nothing: a hit in either tier is returned, a miss counts as one (empty) load in the cache's
 * stats. A {@code null} the application puts is an eviction: tiered caches hold no nulls.
 */
public final class TieredSpringCache implements Cache {
  private static final String KEY = "{key}";

  private final TieredCache<Object, Object> cache;
  private final List<String> keyTags;

  /**
   * Adapts a cache.
   *
   * @param cache the tiered cache
   * @param keyTags tag templates, each containing {@code {key}}
   */
  public TieredSpringCache(TieredCache<Object, Object> cache, List<String> keyTags) {
    this.cache = cache;
    this.keyTags = List.copyOf(keyTags);
  }

  @Override
  public String getName() {
    return cache.name();
  }

  @Override
  public TieredCache<Object, Object> getNativeCache() {
    return cache;
  }

  @Override
  public ValueWrapper get(Object key) {
    Object value = cache.getAll(List.of(key), keys -> Map.of()).get(key);
    return value == null ? null : new SimpleValueWrapper(value);
  }

  @Override
  public <T> T get(Object key, Class<T> type) {
    ValueWrapper wrapper = get(key);
    Object value = wrapper == null ? null : wrapper.get();
    if (value != null && type != null && !type.isInstance(value)) {
      throw new IllegalStateException("cached value of cache '" + getName() + "' is a "
          + value.getClass().getName() + ", not the required " + type.getName());
    }
    return type == null ? null : type.cast(value);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T get(Object key, Callable<T> valueLoader) {
    return (T) cache.get(key, tags(key), k -> {
      try {
        return valueLoader.call();
      } catch (Exception e) {
        // Spring unwraps the cause to rethrow what the @Cacheable method threw.
        throw new ValueRetrievalException(key, valueLoader, e);
      }
    });
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> CompletableFuture<T> retrieve(Object key, Supplier<CompletableFuture<T>> valueLoader) {
    return (CompletableFuture<T>) cache.getAsync(key, tags(key), k -> valueLoader.get());
  }

  @Override
  public void put(Object key, Object value) {
    if (value == null) {
      cache.invalidate(key);
    } else {
      cache.put(key, value, tags(key));
    }
  }

  @Override
  public void evict(Object key) {
    cache.invalidate(key);
  }

  @Override
  public void clear() {
    cache.invalidateAll();
  }

  @Override
  public boolean invalidate() {
    cache.invalidateAll();
    return true;
  }

  private Collection<String> tags(Object key) {
    if (keyTags.isEmpty()) {
      return List.of();
    }
    String text = String.valueOf(key);
    return keyTags.stream().map(template -> template.replace(KEY, text)).toList();
  }
}
