package dev.hotpath.metrics.micrometer;

import dev.hotpath.core.Ticker;
import dev.hotpath.metrics.LatencyRecorder;
import dev.hotpath.metrics.LatencyRegistry;
import dev.hotpath.metrics.MetricId;
import dev.hotpath.metrics.Statistic;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Exposes every series of a {@link LatencyRegistry} as Micrometer meters with real dimensions,
 * including series created after binding. For each series {@code <name>{<tags>}} (a
 * {@link MetricId}), with its tags as Micrometer tags:
 *
 * <ul>
 *   <li>{@code <name>}: a time gauge per statistic (tag {@code statistic}: {@code mean,
 *       p50, p90, p95, p99, p999, max}) of the sliding window;
 *   <li>{@code <name>.count}: a function counter of all values recorded;
 *   <li>{@code <name>.clamped}: a function counter of values above the highest trackable
 *       value.
 * </ul>
 *
 * <p>So {@code hotpath.pool.statement{pool=main, fingerprint=...}} becomes, in Prometheus,
 * {@code hotpath_pool_statement_seconds{pool="main",fingerprint="...",statistic="p99"}} and
 * {@code hotpath_pool_statement_count_total{...}}.
 *
 * <p>And for the registry, {@code hotpath.latency.refused.names}: a function counter of
 * {@link LatencyRegistry#refusedNames()}. Percentiles are computed at most once per name per
 * snapshot time-to-live (one second by default), however many meters a scrape reads.
 *
 * <p>Micrometer is an optional dependency of hotpath-metrics: only this package refers to it, so
 * an application without Micrometer never loads it.
 */
// Micrometer's types in this API are not re-exported by module dev.hotpath.metrics on purpose:
// Micrometer is optional there, and whoever binds to it requires it already.
@SuppressWarnings("exports")
public final class LatencyRegistryMetrics implements MeterBinder {
  private final LatencyRegistry registry;
  private final Tags tags;
  private final Ticker ticker;
  private final long snapshotTtlNanos;

  /**
   * Binds a registry with no extra tags and one second of snapshot reuse.
   *
   * @param registry the registry to expose
   * @throws NullPointerException if {@code registry} is null
   */
  public LatencyRegistryMetrics(LatencyRegistry registry) {
    this(registry, Tags.empty(), Duration.ofSeconds(1), Ticker.system());
  }

  /**
   * Binds a registry with extra tags on every meter.
   *
   * @param registry the registry to expose
   * @param tags added to every meter, such as the application name
   * @param snapshotTtl how long a computed snapshot is reused; zero computes one per meter read
   * @param ticker the time source for {@code snapshotTtl}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code snapshotTtl} is negative
   */
  public LatencyRegistryMetrics(
      LatencyRegistry registry, Iterable<Tag> tags, Duration snapshotTtl, Ticker ticker) {
    this.registry = Objects.requireNonNull(registry, "registry must not be null");
    this.tags = Tags.of(Objects.requireNonNull(tags, "tags must not be null"));
    Objects.requireNonNull(snapshotTtl, "snapshotTtl must not be null");
    if (snapshotTtl.isNegative()) {
      throw new IllegalArgumentException("snapshotTtl must not be negative, was " + snapshotTtl);
    }
    this.snapshotTtlNanos = snapshotTtl.toNanos();
    this.ticker = Objects.requireNonNull(ticker, "ticker must not be null");
  }

  /**
   * Registers the meters of every current recorder and of every recorder created later.
   *
   * @param meters the Micrometer registry
   */
  @Override
  public void bindTo(MeterRegistry meters) {
    FunctionCounter.builder("hotpath.latency.refused.names", registry, LatencyRegistry::refusedNames)
        .description("Series recorded in their name's overflow series (every tag '"
            + MetricId.OVERFLOW_VALUE + "') because the cap on series per name was reached")
        .tags(tags)
        .register(meters);
    registry.onNewSeries((id, recorder) -> bindSeries(meters, id, recorder));
    registry.series().forEach((id, recorder) -> bindSeries(meters, id, recorder));
  }

  private void bindSeries(MeterRegistry meters, MetricId id, LatencyRecorder recorder) {
    CachedSnapshots snapshots = new CachedSnapshots(recorder, ticker, snapshotTtlNanos);
    Tags nameTags = tags;
    for (var tag : id.tags().entrySet()) {
      nameTags = nameTags.and(tag.getKey(), tag.getValue());
    }
    for (Statistic statistic : Statistic.values()) {
      TimeGauge.builder(id.name(), snapshots, TimeUnit.NANOSECONDS,
              cached -> statistic.of(cached.window()))
          .description("Latency over the sliding window")
          .tags(nameTags.and("statistic", statistic.label()))
          .strongReference(true)
          .register(meters);
    }
    FunctionCounter.builder(id.name() + ".count", snapshots, cached -> cached.allTime().count())
        .description("Latencies recorded")
        .tags(nameTags)
        .register(meters);
    FunctionCounter.builder(id.name() + ".clamped", snapshots, CachedSnapshots::clampedCount)
        .description("Latencies above the highest trackable value, recorded as it")
        .tags(nameTags)
        .register(meters);
  }
}
