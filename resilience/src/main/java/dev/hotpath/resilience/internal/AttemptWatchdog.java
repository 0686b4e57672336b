package dev.hotpath.resilience.internal;

import java.lang.ref.WeakReference;
import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Cuts synchronous attempts that outlive their time budget by interrupting the calling thread.
 *
 * <p>Why not a thread hand-off (Resilience4j's {@code TimeLimiter} over an executor): handing
 * every call to another thread costs microseconds and allocations on the success path. Instead
 * each calling thread owns a reusable {@link Slot}; arming and disarming it are two atomic
 * writes, and one shared daemon thread sleeps until the earliest armed deadline, then interrupts
 * the late threads. The slot's generation counter makes sure an interrupt meant for one attempt
 * never lands on a later one: the watchdog fires only by a compare-and-set on the generation it
 * saw, and the owner clears the interrupt when it finds its attempt was fired.
 */
final class AttemptWatchdog {
  static final AttemptWatchdog INSTANCE = new AttemptWatchdog();

  /** Slot state while the watchdog is interrupting its thread. Idle states are even, armed odd. */
  private static final long FIRING = -1;

  private final Queue<Slot> slots = new ConcurrentLinkedQueue<>();
  private final ThreadLocal<Slot> slotOfThread = ThreadLocal.withInitial(this::newSlot);
  private final Thread watcher;
  /** The time the watcher will wake at, valid while {@link #sleeping}. */
  private volatile long wakeAt;
  /** 0 awake, 1 sleeping until {@link #wakeAt}, 2 sleeping until unparked. */
  private volatile int sleeping;

  private AttemptWatchdog() {
    watcher = new Thread(this::watch, "hotpath-guard-timeouts");
    watcher.setDaemon(true);
    watcher.start();
  }

  /** Thrown by {@link #run} when the attempt was cut; carries what the work threw then. */
  static final class TimedOut extends Exception {
    private static final long serialVersionUID = 1L;

    TimedOut(Throwable cause) {
      super("attempt timed out", cause, false, false);
    }
  }

  /**
   * Runs {@code work} on this thread, interrupting it if it runs longer than {@code budgetNanos}.
   *
   * @return the work's result, even when the interrupt raced with its completion
   * @throws TimedOut if the work failed after being interrupted for its budget
   * @throws Exception the work's own failure
   */
  <V> V run(Callable<? extends V> work, long budgetNanos) throws Exception {
    Slot slot = slotOfThread.get();
    while ((slot.state.get() & 1) != 0) {
      slot = slot.nested(this); // a guarded call inside a guarded call on the same thread
    }
    long armed = slot.state.get() + 1;
    long deadline = System.nanoTime() + budgetNanos;
    slot.deadline = deadline;
    slot.state.set(armed);
    int sleep = sleeping;
    if (sleep == 2 || sleep == 1 && deadline - wakeAt < 0) {
      LockSupport.unpark(watcher);
    }
    V value;
    try {
      value = work.call();
    } catch (Exception failure) {
      if (disarm(slot, armed)) {
        throw failure;
      }
      throw new TimedOut(failure);
    }
    disarm(slot, armed);
    return value;
  }

  /** Returns false, with the watchdog's interrupt cleared, when the attempt was fired. */
  private static boolean disarm(Slot slot, long armed) {
    if (slot.state.compareAndSet(armed, armed + 1)) {
      return true;
    }
    while (slot.state.get() == FIRING) {
      Thread.onSpinWait();
    }
    Thread.interrupted();
    return false;
  }

  private Slot newSlot() {
    Slot slot = new Slot(Thread.currentThread());
    slots.add(slot);
    return slot;
  }

  private void watch() {
    while (true) {
      long next = fireLateAttempts();
      wakeAt = next;
      sleeping = next == Long.MAX_VALUE ? 2 : 1;
      // Re-scan after announcing the sleep: an attempt armed during the scan either saw the
      // announcement (and unparks us) or is seen here.
      if (earliestArmedDeadline() == next) {
        if (next == Long.MAX_VALUE) {
          LockSupport.park(this);
        } else {
          LockSupport.parkNanos(this, next - System.nanoTime());
        }
      }
      sleeping = 0;
      Thread.interrupted(); // the daemon has no one to answer to
    }
  }

  private long fireLateAttempts() {
    long now = System.nanoTime();
    long next = Long.MAX_VALUE;
    for (Iterator<Slot> it = slots.iterator(); it.hasNext(); ) {
      Slot slot = it.next();
      Thread thread = slot.thread.get();
      if (thread == null || !thread.isAlive()) {
        it.remove();
        continue;
      }
      long state = slot.state.get();
      if (state <= 0 || (state & 1) == 0) {
        continue;
      }
      long deadline = slot.deadline;
      if (deadline - now <= 0) {
        if (slot.state.compareAndSet(state, FIRING)) {
          thread.interrupt();
          slot.state.set(state + 1);
        }
      } else if (next == Long.MAX_VALUE || deadline - next < 0) {
        next = deadline;
      }
    }
    return next;
  }

  private long earliestArmedDeadline() {
    long next = Long.MAX_VALUE;
    for (Slot slot : slots) {
      long state = slot.state.get();
      if (state > 0 && (state & 1) != 0) {
        long deadline = slot.deadline;
        if (next == Long.MAX_VALUE || deadline - next < 0) {
          next = deadline;
        }
      }
    }
    return next;
  }

  /** One thread's reusable timer; {@link #nested} serves guarded calls inside guarded calls. */
  private static final class Slot {
    final WeakReference<Thread> thread;
    final AtomicLong state = new AtomicLong();
    volatile long deadline;
    private Slot nested;

    Slot(Thread thread) {
      this.thread = new WeakReference<>(thread);
    }

    Slot nested(AttemptWatchdog watchdog) {
      if (nested == null) {
        nested = watchdog.newSlot();
      }
      return nested;
    }
  }
}
