package dev.hotpath.core.internal;

import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Creates named daemon threads, so a library's background work never keeps the host JVM alive.
 */
public final class DaemonThreadFactory implements ThreadFactory {
  private final String prefix;
  private final AtomicInteger created = new AtomicInteger();

  /**
   * Creates a factory naming its threads {@code prefix-1}, {@code prefix-2}, and so on.
   *
   * @param prefix the start of each thread's name
   */
  public DaemonThreadFactory(String prefix) {
    this.prefix = Objects.requireNonNull(prefix, "prefix must not be null");
  }

  @Override
  public Thread newThread(Runnable task) {
    Thread thread = new Thread(task, prefix + "-" + created.incrementAndGet());
    thread.setDaemon(true);
    return thread;
  }
}
