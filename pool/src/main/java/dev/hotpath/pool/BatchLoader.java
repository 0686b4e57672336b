package dev.hotpath.pool;

import dev.hotpath.core.Check;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Turns many {@link #load(Object)} calls into one {@link BulkLoad#loadAll(Set)}: the cure for N+1.
 * Code that would query once per parent asks the loader for each key, then one batch runs for
 * all of them.
 *
 * <pre>{@code
 * BatchLoader<Long, List<Tag>> tags = BatchLoader.<Long, List<Tag>>builder(tagRepository::byPhotoIds).build();
 * Map<Photo, CompletableFuture<List<Tag>>> pending = new HashMap<>();
 * for (Photo photo : photos) {
 *   pending.put(photo, tags.load(photo.id()));
 * }
 * tags.dispatch();   // one SELECT ... WHERE photo_id IN (?+)
 * }</pre>
 *
 * <p>A batch runs when {@link #dispatch()} is called (the scope mode), when {@code maxBatchSize}
 * keys are waiting (on the thread that queued the last one), or, with
 * {@link Builder#window(Duration, ScheduledExecutorService)}, that long after the first key of a
 * batch was queued. Equal keys waiting together share one future and are loaded once. A key the
 * bulk load leaves out of its map completes with null. If the bulk load throws, every key of the
 * batch fails with that exception; a {@link PartialBatchException} fails only the keys it names
 * and completes the others with the values it carries. Thread-safe.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class BatchLoader<K, V> {

  /**
   * Loads many keys at once.
   *
   * @param <K> the key type
   * @param <V> the value type
   */
  @FunctionalInterface
  public interface BulkLoad<K, V> {
    /**
     * Loads the values of a batch of distinct keys.
     *
     * @param keys the keys, distinct, in the order first requested; read-only
     * @return the value per key; keys left out complete with null
     * @throws Exception to fail the whole batch, or {@link PartialBatchException} to fail some
     *     keys only
     */
    Map<K, V> loadAll(Set<K> keys) throws Exception;
  }

  private final BulkLoad<K, V> bulkLoad;
  private final int maxBatchSize;
  private final Duration window;
  private final ScheduledExecutorService scheduler;
  private final Object lock = new Object();
  private Map<K, CompletableFuture<V>> waiting = new LinkedHashMap<>();

  private BatchLoader(Builder<K, V> builder) {
    this.bulkLoad = builder.bulkLoad;
    this.maxBatchSize = builder.maxBatchSize;
    this.window = builder.window;
    this.scheduler = builder.scheduler;
  }

  /**
   * Starts a builder.
   *
   * @param bulkLoad what loads a batch
   * @param <K> the key type
   * @param <V> the value type
   * @return a builder: at most 1000 keys per batch, dispatched explicitly
   */
  public static <K, V> Builder<K, V> builder(BulkLoad<K, V> bulkLoad) {
    return new Builder<>(Check.notNull(bulkLoad, "bulkLoad"));
  }

  /**
   * Queues a key for the next batch.
   *
   * @param key the key
   * @return completes with the key's value, or exceptionally with its failure, when its batch ran
   * @throws NullPointerException if {@code key} is null
   */
  public CompletableFuture<V> load(K key) {
    Check.notNull(key, "key");
    CompletableFuture<V> future;
    Map<K, CompletableFuture<V>> full = null;
    boolean firstOfBatch;
    synchronized (lock) {
      future = waiting.get(key);
      if (future != null) {
        return future;
      }
      future = new CompletableFuture<>();
      firstOfBatch = waiting.isEmpty();
      waiting.put(key, future);
      if (waiting.size() >= maxBatchSize) {
        full = takeWaiting();
      }
    }
    if (full != null) {
      run(full);
    } else if (firstOfBatch && scheduler != null) {
      scheduler.schedule(this::dispatch, window.toNanos(), TimeUnit.NANOSECONDS);
    }
    return future;
  }

  /**
   * Runs one batch for every key waiting now, on this thread.
   *
   * @return how many distinct keys the batch had (0 if none waited, and nothing ran)
   */
  public int dispatch() {
    Map<K, CompletableFuture<V>> batch;
    synchronized (lock) {
      batch = takeWaiting();
    }
    if (!batch.isEmpty()) {
      run(batch);
    }
    return batch.size();
  }

  private Map<K, CompletableFuture<V>> takeWaiting() {
    Map<K, CompletableFuture<V>> batch = waiting;
    waiting = new LinkedHashMap<>();
    return batch;
  }

  private void run(Map<K, CompletableFuture<V>> batch) {
    Map<K, V> loaded;
    try {
      loaded = bulkLoad.loadAll(Collections.unmodifiableSet(batch.keySet()));
    } catch (PartialBatchException partial) {
      batch.forEach((key, future) -> {
        Throwable failure = partial.failures().get(key);
        if (failure != null) {
          future.completeExceptionally(failure);
        } else {
          future.complete(valueOf(partial.loaded(), key));
        }
      });
      return;
    } catch (Exception | Error e) {
      batch.values().forEach(future -> future.completeExceptionally(e));
      return;
    }
    batch.forEach((key, future) -> future.complete(valueOf(loaded, key)));
  }

  @SuppressWarnings("unchecked")
  private V valueOf(Map<?, ?> loaded, K key) {
    return loaded == null ? null : (V) loaded.get(key);
  }

  /**
   * Returns how many distinct keys wait for the next batch.
   *
   * @return the count
   */
  public int waiting() {
    synchronized (lock) {
      return waiting.size();
    }
  }

  /**
   * Configures a {@link BatchLoader}.
   *
   * @param <K> the key type
   * @param <V> the value type
   */
  public static final class Builder<K, V> {

    private final BulkLoad<K, V> bulkLoad;
    private int maxBatchSize = 1000;
    private Duration window;
    private ScheduledExecutorService scheduler;

    private Builder(BulkLoad<K, V> bulkLoad) {
      this.bulkLoad = bulkLoad;
    }

    /**
     * Sets how many keys make a full batch, which then runs at once.
     *
     * @param max at least 1; keep it under the database's bind-parameter limit
     * @return this builder
     * @throws IllegalArgumentException if it is less than 1
     */
    public Builder<K, V> maxBatchSize(int max) {
      this.maxBatchSize = Check.atLeast(max, 1, "maxBatchSize");
      return this;
    }

    /**
     * Also runs a batch this long after its first key was queued, on the scheduler.
     *
     * @param window a positive duration, typically a few milliseconds
     * @param scheduler runs the timed batches; the caller owns it
     * @return this builder
     * @throws IllegalArgumentException if the window is zero or negative
     */
    public Builder<K, V> window(Duration window, ScheduledExecutorService scheduler) {
      this.window = Check.positive(window, "window");
      this.scheduler = Check.notNull(scheduler, "scheduler");
      return this;
    }

    /**
     * Builds the loader.
     *
     * @return the loader
     */
    public BatchLoader<K, V> build() {
      return new BatchLoader<>(this);
    }
  }
}
