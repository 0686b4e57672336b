package dev.hotpath.cache.internal;

import dev.hotpath.cache.CacheLoadException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Bounds how long a caller waits for a load, without bounding the load: after the soft timeout
 * the caller gets the fail-safe value when there is one, after the hard timeout that value or a
 * {@link CacheLoadException}; the load goes on and installs its value as any load does (under
 * the versions it captured, so an invalidation that overtook it still wins).
 */
final class LoadTimeouts {
  private final String cacheName;
  private final long softNanos;
  private final long hardNanos;

  LoadTimeouts(String cacheName, long softNanos, long hardNanos) {
    this.cacheName = cacheName;
    this.softNanos = softNanos;
    this.hardNanos = hardNanos;
  }

  /**
   * The caller's answer: {@code load}'s outcome, unless a timeout passes first. {@code fallback}
   * supplies the fail-safe entry (or null) after a timeout and after a failed load.
   */
  <V> CompletableFuture<V> bound(CompletableFuture<V> load, Supplier<Entry<V>> fallback) {
    CompletableFuture<V> answer = new CompletableFuture<>();
    load.whenComplete(
        (value, failure) -> {
          if (failure == null) {
            answer.complete(value);
            return;
          }
          Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
          Entry<V> stale = cause instanceof Exception && !(cause instanceof InterruptedException) ? fallback.get() : null;
          if (stale != null) {
            answer.complete(stale.value);
          } else {
            answer.completeExceptionally(cause);
          }
        });
    if (softNanos > 0) {
      after(softNanos, () -> answerWithFallback(answer, fallback, null));
    }
    if (hardNanos > 0) {
      after(
          hardNanos,
          () ->
              answerWithFallback(
                  answer,
                  fallback,
                  new CacheLoadException(
                      "a load in cache " + cacheName + " took longer than its hard timeout "
                          + Duration.ofNanos(hardNanos) + "; it goes on in the background",
                      null)));
    }
    return answer;
  }

  private static <V> void answerWithFallback(
      CompletableFuture<V> answer, Supplier<Entry<V>> fallback, CacheLoadException otherwise) {
    if (answer.isDone()) {
      return;
    }
    Entry<V> stale = fallback.get();
    if (stale != null) {
      answer.complete(stale.value);
    } else if (otherwise != null) {
      answer.completeExceptionally(otherwise);
    }
  }

  private static void after(long nanos, Runnable action) {
    CompletableFuture.delayedExecutor(nanos, TimeUnit.NANOSECONDS).execute(action);
  }
}
