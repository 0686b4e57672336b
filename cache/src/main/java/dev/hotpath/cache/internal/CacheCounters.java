package dev.hotpath.cache.internal;

import dev.hotpath.cache.CacheStats;
import java.util.concurrent.atomic.LongAdder;

/** The counters behind {@link CacheStats}; striped so that hits on many cores do not contend. */
final class CacheCounters {
  final LongAdder l1Hits = new LongAdder();
  final LongAdder l1Misses = new LongAdder();
  final LongAdder l2Hits = new LongAdder();
  final LongAdder l2Misses = new LongAdder();
  final LongAdder loads = new LongAdder();
  final LongAdder loadFailures = new LongAdder();
  final LongAdder staleServed = new LongAdder();
  final LongAdder failSafeServed = new LongAdder();
  final LongAdder l2Errors = new LongAdder();
  final LongAdder l2CorruptValues = new LongAdder();
  final LongAdder l2OversizeSkips = new LongAdder();
  final LongAdder evictions = new LongAdder();

  CacheStats snapshot() {
    return new CacheStats(
        l1Hits.sum(),
        l1Misses.sum(),
        l2Hits.sum(),
        l2Misses.sum(),
        loads.sum(),
        loadFailures.sum(),
        staleServed.sum(),
        failSafeServed.sum(),
        l2Errors.sum(),
        l2CorruptValues.sum(),
        l2OversizeSkips.sum(),
        evictions.sum());
  }
}
