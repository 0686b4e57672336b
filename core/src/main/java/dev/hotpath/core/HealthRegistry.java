package dev.hotpath.core;

import dev.hotpath.core.internal.HealthCheckRunner;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Runs named {@link HealthCheck}s and aggregates them into a {@link HealthReport}.
 *
 * <pre>{@code
 * HealthRegistry health = HealthRegistry.builder().timeout(Duration.ofSeconds(2)).build();
 * health.register("database", () -> Health.up());
 * health.register("thumbnails", thumbnailService::health, false);
 * HealthReport report = health.check();
 * }</pre>
 *
 * <p>{@link #check()} runs every check concurrently on the registry's own daemon threads and
 * waits for each at most the {@linkplain Builder#timeout timeout}: a check that has not answered
 * by then is reported {@code DOWN} with the message {@code "timed out after <timeout>"}, so the
 * caller is never held much longer than the timeout. A check that throws is reported {@code DOWN}
 * with the exception's message (and its class as detail {@code "exception"}). A check still
 * running from an earlier round is waited for again, not started a second time. The report is
 * cached for {@linkplain Builder#cacheFor cacheFor}; registering or unregistering a check
 * discards it. Aggregation follows {@link HealthReport#of}: a critical {@code DOWN} makes the
 * report {@code DOWN}; a {@code DEGRADED} or a non-critical {@code DOWN} makes it {@code
 * DEGRADED}.
 *
 * <p>Thread-safe. {@link #close()} interrupts running checks and stops the threads; the threads
 * are daemons, so an unclosed registry never keeps the JVM from exiting.
 */
public final class HealthRegistry implements AutoCloseable {

  private final long cacheForNanos;
  private final Ticker ticker;
  private final HealthCheckRunner runner;
  private final Object registrationLock = new Object();
  private volatile Registrations registrations = new Registrations(Map.of(), 0);
  private volatile CachedReport cached;
  private volatile boolean closed;

  private HealthRegistry(Builder builder) {
    this.cacheForNanos = builder.cacheFor.toNanos();
    this.ticker = builder.ticker;
    this.runner = new HealthCheckRunner(builder.timeout, builder.ticker);
  }

  /**
   * Returns a builder with the defaults: timeout 2 s, cacheFor 1 s, the system ticker.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Registers a critical check: the report is {@code DOWN} whenever it is.
   *
   * @param name the component's name in the report; must not be null, blank or already taken
   * @param check the check; must not be null
   * @return this registry
   * @throws NullPointerException if {@code name} or {@code check} is null
   * @throws IllegalArgumentException if {@code name} is blank or already registered
   * @throws IllegalStateException if the registry is closed
   */
  public HealthRegistry register(String name, HealthCheck check) {
    return register(name, check, true);
  }

  /**
   * Registers a check.
   *
   * @param name the component's name in the report; must not be null, blank or already taken
   * @param check the check; must not be null
   * @param critical true if the report is {@code DOWN} whenever this check is; false if that only
   *     makes the report {@code DEGRADED}
   * @return this registry
   * @throws NullPointerException if {@code name} or {@code check} is null
   * @throws IllegalArgumentException if {@code name} is blank or already registered
   * @throws IllegalStateException if the registry is closed
   */
  public HealthRegistry register(String name, HealthCheck check, boolean critical) {
    Check.notBlank(name, "health check name");
    Objects.requireNonNull(check, () -> "health check " + name + " must not be null");
    synchronized (registrationLock) {
      requireOpen();
      Registrations now = registrations;
      if (now.byName.containsKey(name)) {
        throw new IllegalArgumentException(
            "health check name must be unique, \"" + name + "\" is already registered");
      }
      Map<String, Registration> next = new LinkedHashMap<>(now.byName);
      next.put(name, new Registration(check, critical));
      registrations = new Registrations(Collections.unmodifiableMap(next), now.generation + 1);
    }
    return this;
  }

  /**
   * Removes a check. A run of it still in progress is no longer waited for.
   *
   * @param name the name it was registered under
   * @return true if a check of that name was registered
   */
  public boolean unregister(String name) {
    synchronized (registrationLock) {
      Registrations now = registrations;
      if (name == null || !now.byName.containsKey(name)) {
        return false;
      }
      Map<String, Registration> next = new LinkedHashMap<>(now.byName);
      next.remove(name);
      registrations = new Registrations(Collections.unmodifiableMap(next), now.generation + 1);
      return true;
    }
  }

  /**
   * Returns the current report: the cached one if it is younger than {@code cacheFor} and no
   * check was registered or unregistered since, otherwise a fresh one from running every check
   * concurrently. Blocks at most about the timeout; not interruptible.
   *
   * @return every component's health in registration order and the aggregate status
   * @throws IllegalStateException if the registry is closed
   */
  public HealthReport check() {
    requireOpen();
    Registrations checks = registrations;
    CachedReport last = cached;
    if (last != null
        && last.generation == checks.generation
        && ticker.read() - last.computedAt < cacheForNanos) {
      return last.report;
    }
    Map<String, CompletableFuture<ComponentHealth>> runs = new LinkedHashMap<>();
    checks.byName.forEach(
        (name, registration) ->
            runs.put(name, runner.run(registration, registration.check, registration.critical)));
    CompletableFuture.allOf(runs.values().toArray(new CompletableFuture<?>[0])).join();
    Map<String, ComponentHealth> components = new LinkedHashMap<>();
    runs.forEach((name, run) -> components.put(name, run.join()));
    HealthReport report = HealthReport.of(components);
    cached = new CachedReport(report, ticker.read(), checks.generation);
    return report;
  }

  /** Interrupts running checks and stops the registry's threads. Idempotent. */
  @Override
  public void close() {
    synchronized (registrationLock) {
      closed = true;
    }
    runner.close();
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("health registry is closed");
    }
  }

  /** Identity matters: a name registered again never joins a run of the check it replaced. */
  private static final class Registration {
    final HealthCheck check;
    final boolean critical;

    Registration(HealthCheck check, boolean critical) {
      this.check = check;
      this.critical = critical;
    }
  }

  private record Registrations(Map<String, Registration> byName, long generation) {}

  private record CachedReport(HealthReport report, long computedAt, long generation) {}

  /** Configures a {@link HealthRegistry}; each setter validates its value at once. */
  public static final class Builder {
    private Duration timeout = Duration.ofSeconds(2);
    private Duration cacheFor = Duration.ofSeconds(1);
    private Ticker ticker = Ticker.system();

    private Builder() {}

    /**
     * Sets how long {@link HealthRegistry#check()} waits for each check before reporting it
     * {@code DOWN}. Measured in real time, whatever the ticker.
     *
     * @param timeout the per-check timeout; must be positive
     * @return this builder
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is zero or negative
     */
    public Builder timeout(Duration timeout) {
      this.timeout = Check.positive(timeout, "timeout");
      return this;
    }

    /**
     * Sets how long a report is reused before the checks run again, measured by the ticker.
     *
     * @param cacheFor how long a report stays fresh; must be positive
     * @return this builder
     * @throws NullPointerException if {@code cacheFor} is null
     * @throws IllegalArgumentException if {@code cacheFor} is zero or negative
     */
    public Builder cacheFor(Duration cacheFor) {
      this.cacheFor = Check.positive(cacheFor, "cacheFor");
      return this;
    }

    /**
     * Sets the clock that ages cached reports and measures how long checks took.
     *
     * @param ticker the clock; must not be null
     * @return this builder
     * @throws NullPointerException if {@code ticker} is null
     */
    public Builder ticker(Ticker ticker) {
      this.ticker = Objects.requireNonNull(ticker, "ticker must not be null");
      return this;
    }

    /**
     * Creates a registry with this configuration and its own daemon threads.
     *
     * @return a new, empty registry; close it when done
     */
    public HealthRegistry build() {
      return new HealthRegistry(this);
    }
  }
}
