package dev.hotpath.pool.internal;

import dev.hotpath.pool.QueryKind;
import dev.hotpath.pool.SqlFingerprint;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The state of one open query scope on one thread: statements counted by kind, the shapes seen
 * (for failure messages; at most {@link #MAX_LISTED}), and an N+1 detector. Frames form a stack
 * per thread; a statement is counted in every open frame, so an outer scope sees what inner ones
 * saw. Only its own thread touches a frame's counts.
 */
public final class ScopeFrame {

  /** The most statements listed in a failure message. */
  static final int MAX_LISTED = 200;

  private static final ThreadLocal<ScopeFrame> CURRENT = new ThreadLocal<>();

  // How many threads have a frame current: raised when a thread's first frame opens, lowered when
  // its last one is removed, both on that thread. Statements read it before the thread-local, so
  // that outside any QueryScope (production code, mostly) a statement costs one thread-local read
  // (the UnitOfWork's), not two. Exact for the reading thread: a thread with a frame current
  // raised the count itself, and every lowering pairs with another thread's own raising. A thread
  // that dies with a frame open leaves it raised, which only costs the read.
  private static final AtomicInteger THREADS_WITH_FRAMES = new AtomicInteger();

  private final ScopeFrame parent;
  private final int[] counts = new int[QueryKind.values().length];
  private final List<SqlFingerprint> seen = new ArrayList<>();
  private final NPlusOneDetector detector = new NPlusOneDetector();
  private boolean closed;

  private ScopeFrame(ScopeFrame parent) {
    this.parent = parent;
  }

  /**
   * Opens a frame on this thread, inside the current one if any.
   *
   * @return the new current frame
   */
  public static ScopeFrame open() {
    ScopeFrame parent = CURRENT.get();
    if (parent == null) {
      THREADS_WITH_FRAMES.incrementAndGet();
    }
    ScopeFrame frame = new ScopeFrame(parent);
    CURRENT.set(frame);
    return frame;
  }

  /**
   * Returns this thread's innermost open frame, without touching the thread-local while no thread
   * has one.
   *
   * @return the frame, or null when no scope is open
   */
  public static ScopeFrame current() {
    return THREADS_WITH_FRAMES.get() == 0 ? null : CURRENT.get();
  }

  /**
   * Closes this frame: its parent becomes current again. Idempotent; closing an outer frame first
   * also drops the inner ones.
   */
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    ScopeFrame frame = CURRENT.get();
    while (frame != null && frame != this) {
      frame.closed = true;
      frame = frame.parent;
    }
    if (frame == this) {
      if (parent == null) {
        CURRENT.remove();
        THREADS_WITH_FRAMES.decrementAndGet();
      } else {
        CURRENT.set(parent);
      }
    }
  }

  /**
   * Counts a statement in this frame and its parents.
   *
   * @param fingerprint the statement's shape
   */
  void count(SqlFingerprint fingerprint) {
    for (ScopeFrame frame = this; frame != null; frame = frame.parent) {
      frame.counts[fingerprint.kind().ordinal()]++;
      if (frame.seen.size() < MAX_LISTED) {
        frame.seen.add(fingerprint);
      }
    }
  }

  /**
   * Returns the outermost open frame, whose detector serves N+1 detection for the thread.
   *
   * @return the root frame
   */
  NPlusOneDetector rootDetector() {
    ScopeFrame frame = this;
    while (frame.parent != null) {
      frame = frame.parent;
    }
    return frame.detector;
  }

  /**
   * Returns how many statements of a kind ran in this frame.
   *
   * @param kind the kind
   * @return the count
   */
  public int count(QueryKind kind) {
    return counts[kind.ordinal()];
  }

  /**
   * Returns the shapes of the statements that ran, in order, at most {@value #MAX_LISTED}.
   *
   * @return a copy of the list
   */
  public List<SqlFingerprint> seen() {
    return List.copyOf(seen);
  }

  /**
   * Returns how many statements ran in this frame.
   *
   * @return the total over all kinds
   */
  public int total() {
    int total = 0;
    for (int count : counts) {
      total += count;
    }
    return total;
  }
}
