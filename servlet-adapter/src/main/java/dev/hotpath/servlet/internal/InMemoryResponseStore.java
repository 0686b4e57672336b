package dev.hotpath.servlet.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.hotpath.servlet.CachedResponse;
import dev.hotpath.servlet.ResponseStore;
import java.time.Duration;
import java.util.Set;

/** {@link ResponseStore#inMemory}: a Caffeine cache bounded by count, tags kept per entry. */
public final class InMemoryResponseStore implements ResponseStore {
  private record Entry(CachedResponse response, Set<String> tags) {}

  private final Cache<String, Entry> entries;

  /**
   * Creates an empty store.
   *
   * @param maxEntries the bound
   */
  public InMemoryResponseStore(int maxEntries) {
    this.entries = Caffeine.newBuilder()
        .maximumSize(maxEntries)
        // Evict on the writing thread, so the store never answers with more than its bound
        // (Caffeine's default runs eviction later on the common pool).
        .executor(Runnable::run)
        .expireAfter(Expiry.<String, Entry>writing((key, entry) -> Duration.ofMillis(Math.max(0,
            entry.response.staleUntilMillis() - System.currentTimeMillis()))))
        .build();
  }

  @Override
  public CachedResponse get(String key) {
    Entry entry = entries.getIfPresent(key);
    return entry == null ? null : entry.response;
  }

  @Override
  public void put(String key, CachedResponse response, Set<String> tags) {
    entries.put(key, new Entry(response, Set.copyOf(tags)));
  }

  @Override
  public void invalidateTag(String tag) {
    entries.asMap().values().removeIf(entry -> entry.tags.contains(tag));
  }
}
