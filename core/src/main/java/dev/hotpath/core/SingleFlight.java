package dev.hotpath.core;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * Collapses concurrent calls with an equal key into one execution whose outcome every caller
 * shares.
 *
 * <p>The first caller for a key (the leader) runs the work; callers with an equal key that
 * arrive while it runs (followers) wait for it and receive the same value or the same exception
 * instance. Once the execution completes its key is forgotten: the next call runs the work
 * again. Nothing is cached; use a cache for that.
 *
 * <p>Sync and async calls share one table, so a {@link #call} and a {@link #callAsync} with an
 * equal key join each other's execution. Keys must have consistent {@code equals} and {@code
 * hashCode}. Instances are thread-safe; the uncontended path is one {@link ConcurrentHashMap}
 * insertion and removal, no locks of its own.
 *
 * <p>A leader that calls back into the same {@code SingleFlight} with the same key from inside
 * its own work would wait for itself forever; this is detected and refused with an {@link
 * IllegalStateException}.
 *
 * @param <K> the key type
 * @param <V> the result type
 */
public final class SingleFlight<K, V> {

  private final ConcurrentHashMap<K, Flight<V>> flights = new ConcurrentHashMap<>();

  /** Creates an empty {@code SingleFlight}. */
  public SingleFlight() {}

  /**
   * Runs {@code work}, unless a call with an equal key is in flight: then waits for that call and
   * shares its outcome.
   *
   * <p>The work's exception is rethrown as-is (the same instance) to the leader and to every
   * follower. Interrupting a waiting follower throws {@link InterruptedException} to that
   * follower only: the execution and the other callers go on. The leader runs the work on its
   * own thread, so interrupting the leader affects the work as the work chooses. Nothing is
   * remembered after completion.
   *
   * @param key the key that identifies equal calls; must not be null
   * @param work the work to run when no equal call is in flight; must not be null
   * @return the value of the shared execution
   * @throws NullPointerException if {@code key} or {@code work} is null
   * @throws IllegalStateException if the work of an in-flight call with an equal key calls this
   *     method again with that key on the leader's thread
   * @throws InterruptedException if this caller is interrupted while waiting for another caller's
   *     execution, or if the shared work threw it
   * @throws Exception whatever the shared execution threw, unchanged
   */
  public V call(K key, Callable<? extends V> work) throws Exception {
    Objects.requireNonNull(key, "key must not be null");
    Objects.requireNonNull(work, "work must not be null");
    Flight<V> mine = new Flight<>(Thread.currentThread());
    Flight<V> running = flights.putIfAbsent(key, mine);
    if (running != null) {
      return awaitFollower(key, running);
    }
    V value;
    try {
      value = work.call();
    } catch (Throwable failure) {
      land(key, mine);
      mine.completeExceptionally(failure);
      throw failure;
    }
    land(key, mine);
    mine.complete(value);
    return value;
  }

  /**
   * Async twin of {@link #call}: concurrent calls with an equal key share one {@link
   * CompletionStage} from {@code work}.
   *
   * <p>The leader calls {@code work} on its own thread; the key stays in flight until the stage
   * it returns completes. Each caller receives its own future, so cancelling or completing it
   * affects that caller only, never the shared execution. If {@code work} throws or returns null,
   * the returned future fails with that exception (or a {@link NullPointerException}) instead of
   * this method throwing, and followers that joined meanwhile see the same failure.
   *
   * @param key the key that identifies equal calls; must not be null
   * @param work supplies the stage to share when no equal call is in flight; must not be null
   * @return a future, private to this caller, completed with the shared outcome
   * @throws NullPointerException if {@code key} or {@code work} is null
   */
  public CompletableFuture<V> callAsync(
      K key, Supplier<? extends CompletionStage<? extends V>> work) {
    Objects.requireNonNull(key, "key must not be null");
    Objects.requireNonNull(work, "work must not be null");
    Flight<V> mine = new Flight<>(Thread.currentThread());
    Flight<V> running = flights.putIfAbsent(key, mine);
    if (running != null) {
      return running.copy();
    }
    CompletionStage<? extends V> stage;
    try {
      stage = Objects.requireNonNull(work.get(), "work returned a null CompletionStage");
    } catch (Throwable failure) {
      land(key, mine);
      mine.completeExceptionally(failure);
      return mine.copy();
    } finally {
      // From here the execution runs elsewhere; this thread may wait for it like any follower.
      mine.leader = null;
    }
    stage.whenComplete(
        (value, failure) -> {
          land(key, mine);
          if (failure == null) {
            mine.complete(value);
          } else {
            mine.completeExceptionally(unwrap(failure));
          }
        });
    return mine.copy();
  }

  /**
   * Returns the number of keys whose execution is running right now.
   *
   * @return the number of in-flight keys; a moment's view under concurrency
   */
  public int inFlight() {
    return flights.size();
  }

  /** Forgets the key before publishing the outcome, so later callers start a fresh execution. */
  private void land(K key, Flight<V> flight) {
    flights.remove(key, flight);
  }

  private static <V> V awaitFollower(Object key, Flight<V> running) throws Exception {
    if (running.leader == Thread.currentThread()) {
      throw new IllegalStateException(
          "single-flight call for key " + key + " re-entered from its own work");
    }
    try {
      return running.get();
    } catch (ExecutionException shared) {
      Throwable failure = shared.getCause();
      if (failure instanceof Exception) {
        throw (Exception) failure;
      }
      if (failure instanceof Error) {
        throw (Error) failure;
      }
      throw shared;
    }
  }

  /** Stages report failures wrapped; callers must see the work's own exception. */
  private static Throwable unwrap(Throwable failure) {
    if (failure instanceof CompletionException && failure.getCause() != null) {
      return failure.getCause();
    }
    return failure;
  }

  /** One execution in flight: its outcome, and the thread running its work (null once async). */
  private static final class Flight<V> extends CompletableFuture<V> {
    volatile Thread leader;

    Flight(Thread leader) {
      this.leader = leader;
    }
  }
}
