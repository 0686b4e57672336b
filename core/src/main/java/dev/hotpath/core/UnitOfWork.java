package dev.hotpath.core;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * A named, thread-bound scope for one piece of work such as a request, that other hotpath blocks
 * hang per-request state on (query counts, Server-Timing entries).
 *
 * <pre>{@code
 * try (UnitOfWork unit = UnitOfWork.begin("GET /photos")) {
 *   UnitOfWork.current().orElseThrow().attach(ROUTE, "/photos");
 * }
 * }</pre>
 *
 * <p><b>Nesting.</b> {@link #begin} while a unit is current on this thread begins a child of it,
 * which becomes current. {@link #close} makes the unit's parent current again. Closing a unit
 * while units begun inside it are still open (out of order) closes those inner units as well:
 * on one thread, a unit never outlives the unit it was begun in. Closing is idempotent.
 *
 * <p><b>Threads.</b> A unit is current only on the thread that began it, and inside tasks made
 * by {@link #wrap(Runnable)} and its overloads, which carry it onto other threads and restore
 * whatever was current there afterwards. A wrapped task always sees the unit it captured, even
 * if that unit was closed before the task ran, so code inside it behaves the same however the
 * threads are scheduled; {@link #isClosed()} tells whether the unit is still open. Closing a unit
 * from a thread where it is not current only marks it closed; it stays current on its own thread
 * until closed there too.
 *
 * <p><b>Attachments</b> are typed values keyed by {@link Key}, readable and writable from any
 * thread.
 *
 * <p><b>Local units.</b> {@link #beginLocal} begins a unit for per-thread bookkeeping (a test's
 * statement counting, say) in the same chain: it nests and closes out of order exactly like a
 * unit begun with {@link #begin}, but it is confined to its thread. It is never what
 * {@link #current()} returns, never a {@link #parent()} or {@link #root()} of another unit, and
 * never carried by {@link #wrap}. Code that runs on every statement or call finds both the request
 * and the local units with one thread-local read: {@link #innermostOrNull()}, then
 * {@link #unitOrNull()} and {@link #localOrNull()}.
 */
public final class UnitOfWork implements AutoCloseable {

  private static final ThreadLocal<UnitOfWork> CURRENT = new ThreadLocal<>();

  // Volatile: a web filter renames the unit once the framework has matched the route, and other
  // threads the unit was carried to read it.
  private volatile String name;
  // What was current on the beginning thread: a unit or a local unit; what close() restores.
  private final UnitOfWork parent;
  private final boolean local;
  // Fixed at begin so that the per-statement lookups walk nothing: the nearest unit that is not
  // local (this one, unless local), its root, and the innermost local unit of the chain.
  private final UnitOfWork unit;
  private final UnitOfWork root;
  private final UnitOfWork innermostLocal;
  private final Thread thread;
  private final long startedAt;
  private final ConcurrentHashMap<Key<?>, Object> attachments = new ConcurrentHashMap<>(4);
  // Nanos the unit ran for, or -1 while open; written once by the first close().
  private volatile long closedAfter = -1;

  private UnitOfWork(String name, UnitOfWork parent, boolean local) {
    this.name = name;
    this.parent = parent;
    this.local = local;
    UnitOfWork enclosing = parent == null ? null : parent.unit;
    this.unit = local ? enclosing : this;
    this.root = enclosing == null ? this : enclosing.root;
    this.innermostLocal = local ? this : parent == null ? null : parent.innermostLocal;
    this.thread = Thread.currentThread();
    this.startedAt = System.nanoTime();
  }

  /**
   * Begins a unit of work and makes it current on this thread. If a unit is already current, the
   * new unit is its child.
   *
   * @param name what the unit does, e.g. {@code "GET /photos"}; must not be null or blank
   * @return the new, current unit; close it (try-with-resources) on this thread
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException if {@code name} is blank
   */
  public static UnitOfWork begin(String name) {
    return begin(name, false);
  }

  /**
   * Begins a local unit and makes it current on this thread, inside whatever is current: a unit
   * confined to this thread, for bookkeeping of the thread's own work (see the class comment). It
   * nests and closes like any unit; {@link #current()}, {@link #parent()}, {@link #root()} and
   * {@link #wrap} pass over it.
   *
   * @param name what the unit is for, e.g. {@code "query scope"}; must not be null or blank
   * @return the new local unit; close it (try-with-resources) on this thread
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException if {@code name} is blank
   */
  public static UnitOfWork beginLocal(String name) {
    return begin(name, true);
  }

  private static UnitOfWork begin(String name, boolean local) {
    Check.notBlank(name, "unit of work name");
    UnitOfWork unit = new UnitOfWork(name, CURRENT.get(), local);
    CURRENT.set(unit);
    return unit;
  }

  /**
   * Returns the unit current on this thread: the innermost unit begun here and not yet closed
   * here, or the unit carried here by the wrapped task now running.
   *
   * @return the current unit, or empty if there is none on this thread
   */
  public static Optional<UnitOfWork> current() {
    return Optional.ofNullable(currentOrNull());
  }

  /**
   * Returns the unit current on this thread, as {@link #current()} does, without wrapping it in an
   * {@code Optional}: for code that runs on every statement or call and must not allocate, where
   * the JIT cannot be relied on to remove the wrapper.
   *
   * @return the current unit, or null if there is none on this thread
   */
  public static UnitOfWork currentOrNull() {
    UnitOfWork top = CURRENT.get();
    return top == null ? null : top.unit;
  }

  /**
   * Returns the innermost unit on this thread, local or not: for per-statement code that needs
   * both the request ({@link #unitOrNull()}) and the thread's local units ({@link #localOrNull()})
   * from one thread-local read, without allocating.
   *
   * @return the innermost unit, or null if there is none on this thread
   */
  public static UnitOfWork innermostOrNull() {
    return CURRENT.get();
  }

  /**
   * Returns the unit that is not local nearest to this one: this unit itself unless it is local,
   * else the unit the local one was begun in.
   *
   * @return the unit, or null for a local unit begun outside any unit
   */
  public UnitOfWork unitOrNull() {
    return unit;
  }

  /**
   * Returns the innermost local unit of this unit's chain that belongs to the calling thread:
   * this one if it is local, else the local unit this one was begun in (directly or not). Local
   * units of other threads, met on a chain carried here by {@link #wrap}, are passed over.
   *
   * @return the local unit, or null if there is none for this thread
   */
  public UnitOfWork localOrNull() {
    return ownLocal(innermostLocal);
  }

  /**
   * Returns the next local unit outwards from this local unit on the calling thread, as
   * {@link #localOrNull()} does.
   *
   * @return the enclosing local unit, or null
   */
  public UnitOfWork outerLocalOrNull() {
    return parent == null ? null : ownLocal(parent.innermostLocal);
  }

  private static UnitOfWork ownLocal(UnitOfWork candidate) {
    if (candidate == null) {
      return null; // the common case outside tests: no local unit at all
    }
    Thread me = Thread.currentThread();
    UnitOfWork local = candidate;
    while (local != null && local.thread != me) {
      local = local.parent == null ? null : local.parent.innermostLocal;
    }
    return local;
  }

  /**
   * Returns whether this unit was begun with {@link #beginLocal}.
   *
   * @return true for a local unit
   */
  public boolean isLocal() {
    return local;
  }

  /**
   * Returns the attachment under {@code key}, as {@link #attachment(Key)} does, without wrapping it
   * in an {@code Optional}: for code that runs on every statement or call and must not allocate.
   *
   * @param <T> the attachment's type
   * @param key the attachment's key; must not be null
   * @return the attached value, or null if none is attached
   * @throws NullPointerException if {@code key} is null
   */
  public <T> T attachmentOrNull(Key<T> key) {
    @SuppressWarnings("unchecked") // only attach() and attachment(key, ifAbsent) store values
    T value = (T) attachments.get(Objects.requireNonNull(key, "key must not be null"));
    return value;
  }

  /**
   * Returns the name given to {@link #begin}, or to the latest {@link #rename}.
   *
   * @return this unit's name
   */
  public String name() {
    return name;
  }

  /**
   * Renames the unit, for work whose name is known only after it began: a web framework tells
   * which of its routes a request matched from inside the request. Every later {@link #name()}
   * call, on any thread, returns the new name; what was reported before keeps the old one.
   *
   * @param name what the unit does, e.g. {@code "GET /photos/{id}"}; must not be null or blank
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException if {@code name} is blank
   */
  public void rename(String name) {
    Check.notBlank(name, "unit of work name");
    this.name = name;
  }

  /**
   * Returns the unit that was current when this one began, passing over local units.
   *
   * @return the parent unit, or empty for an outermost unit
   */
  public Optional<UnitOfWork> parent() {
    return Optional.ofNullable(parent == null ? null : parent.unit);
  }

  /**
   * Returns the outermost unit of this unit's chain of parents.
   *
   * @return the root unit; this unit itself if it has no parent (a local unit begun outside any
   *     unit is its own root)
   */
  public UnitOfWork root() {
    return root;
  }

  /**
   * Returns how long this unit has been open, or, once closed, how long it was open.
   *
   * @return the time since {@link #begin}, frozen when the unit is closed
   */
  public Duration elapsed() {
    long closed = closedAfter;
    return Duration.ofNanos(closed >= 0 ? closed : System.nanoTime() - startedAt);
  }

  /**
   * Returns whether this unit is closed: by its own {@link #close}, or as an inner unit left open
   * when an enclosing unit was closed on the same thread.
   *
   * @return true once this unit is closed
   */
  public boolean isClosed() {
    return closedAfter >= 0;
  }

  /**
   * Returns the attachment under {@code key}, creating and attaching it first if absent.
   *
   * <p>Atomic: when many threads ask at once, {@code ifAbsent} runs at most once and all of them
   * get the same instance. {@code ifAbsent} must be short and must not touch this unit's
   * attachments itself.
   *
   * @param <T> the attachment's type
   * @param key the attachment's key; must not be null
   * @param ifAbsent creates the value when none is attached; must not be null nor return null
   * @return the attached value
   * @throws NullPointerException if {@code key} or {@code ifAbsent} is null, or {@code ifAbsent}
   *     returns null
   */
  public <T> T attachment(Key<T> key, Supplier<? extends T> ifAbsent) {
    Objects.requireNonNull(key, "key must not be null");
    Objects.requireNonNull(ifAbsent, "ifAbsent must not be null");
    // A plain read first: the attachment is there on every call but the first, and the mapping
    // function below captures key and ifAbsent, so going straight to computeIfAbsent would
    // allocate it on every call.
    Object value = attachments.get(key);
    if (value == null) {
      value = attachments.computeIfAbsent(key, k -> Objects.requireNonNull(
          ifAbsent.get(), () -> "ifAbsent returned null for attachment " + key.name()));
    }
    @SuppressWarnings("unchecked") // only attach() and this method store values, both typed by key
    T typed = (T) value;
    return typed;
  }

  /**
   * Returns the attachment under {@code key}.
   *
   * @param <T> the attachment's type
   * @param key the attachment's key; must not be null
   * @return the attached value, or empty if none is attached
   * @throws NullPointerException if {@code key} is null
   */
  public <T> Optional<T> attachment(Key<T> key) {
    return Optional.ofNullable(attachmentOrNull(key));
  }

  /**
   * Attaches {@code value} under {@code key}, replacing any value attached before.
   *
   * @param <T> the attachment's type
   * @param key the attachment's key; must not be null
   * @param value the value; must not be null
   * @throws NullPointerException if {@code key} or {@code value} is null
   */
  public <T> void attach(Key<T> key, T value) {
    Objects.requireNonNull(key, "key must not be null");
    Objects.requireNonNull(value, () -> "value of attachment " + key.name() + " must not be null");
    attachments.put(key, value);
  }

  /**
   * Wraps {@code task} so that it runs with the unit current now (or with none, if none is
   * current now) and then restores whatever was current on the running thread.
   *
   * @param task the task to carry the current unit into; must not be null
   * @return a task that runs {@code task} inside the captured unit
   * @throws NullPointerException if {@code task} is null
   */
  public static Runnable wrap(Runnable task) {
    Objects.requireNonNull(task, "task must not be null");
    UnitOfWork captured = currentOrNull();
    return () -> {
      UnitOfWork previous = enter(captured);
      try {
        task.run();
      } finally {
        restore(previous);
      }
    };
  }

  /**
   * Wraps {@code task} so that it runs with the unit current now (or with none, if none is
   * current now) and then restores whatever was current on the calling thread.
   *
   * @param <T> the task's result type
   * @param task the task to carry the current unit into; must not be null
   * @return a task that calls {@code task} inside the captured unit and returns its result
   * @throws NullPointerException if {@code task} is null
   */
  public static <T> Callable<T> wrap(Callable<T> task) {
    Objects.requireNonNull(task, "task must not be null");
    UnitOfWork captured = currentOrNull();
    return () -> {
      UnitOfWork previous = enter(captured);
      try {
        return task.call();
      } finally {
        restore(previous);
      }
    };
  }

  /**
   * Wraps {@code executor} so that every task submitted to it runs with the unit that was current
   * on the submitting thread at submission time, as {@link #wrap(Runnable)} does.
   *
   * @param executor the executor to delegate to; must not be null
   * @return an executor that carries the submitter's unit into each task
   * @throws NullPointerException if {@code executor} is null
   */
  public static Executor wrap(Executor executor) {
    Objects.requireNonNull(executor, "executor must not be null");
    return command -> executor.execute(wrap(command));
  }

  /**
   * Closes this unit. If this unit is current on the calling thread, or units begun inside it
   * are, those inner units are closed too and this unit's parent becomes current again.
   * Otherwise the unit is only marked closed. Idempotent: closing a closed unit changes nothing
   * but still makes its parent current if it was current on the calling thread.
   */
  @Override
  public void close() {
    UnitOfWork top = CURRENT.get();
    for (UnitOfWork unit = top; unit != null; unit = unit.parent) {
      if (unit == this) {
        // This unit is on the calling thread's chain: close the inner units left open too.
        for (UnitOfWork inner = top; inner != this; inner = inner.parent) {
          inner.markClosed();
        }
        markClosed();
        restore(parent);
        return;
      }
    }
    markClosed();
  }

  @Override
  public String toString() {
    return "UnitOfWork[" + name + (local ? ", local" : "") + (isClosed() ? ", closed]" : "]");
  }

  private void markClosed() {
    if (closedAfter < 0) {
      closedAfter = Math.max(0, System.nanoTime() - startedAt);
    }
  }

  /** Makes {@code unit} (or none) current for a wrapped task; returns what to restore after. */
  private static UnitOfWork enter(UnitOfWork unit) {
    UnitOfWork previous = CURRENT.get();
    restore(unit);
    return previous;
  }

  /** Sets or clears this thread's current unit; clearing leaves no entry in pooled threads. */
  private static void restore(UnitOfWork unit) {
    if (unit == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(unit);
    }
  }

  /**
   * The typed key of an attachment. Keys compare by identity, so two modules choosing the same
   * name never collide: keep each key in a {@code static final} field.
   *
   * @param <T> the type of the value attached under this key
   */
  public static final class Key<T> {
    private final String name;

    private Key(String name) {
      this.name = name;
    }

    /**
     * Creates a new key, distinct from every other key even one of the same name.
     *
     * @param <T> the type of the value attached under the key
     * @param name what the key is for, used in messages; must not be null or blank
     * @return a new key
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalArgumentException if {@code name} is blank
     */
    public static <T> Key<T> of(String name) {
      Check.notBlank(name, "attachment key name");
      return new Key<>(name);
    }

    /**
     * Returns the name the key was created with.
     *
     * @return the key's name
     */
    public String name() {
      return name;
    }

    @Override
    public String toString() {
      return "Key[" + name + "]";
    }
  }
}
