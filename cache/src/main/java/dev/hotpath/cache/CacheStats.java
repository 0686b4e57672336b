package dev.hotpath.cache;

/**
 * Counters of one cache since it was built. A snapshot: each counter is read separately, so under
 * concurrency they may not add up exactly.
 *
 * @param l1Hits reads answered by the in-memory tier (including stale values served)
 * @param l1Misses reads the in-memory tier could not answer
 * @param l2Hits misses answered by Redis
 * @param l2Misses misses Redis could not answer (absent, invalidated, corrupt, or Redis unavailable)
 * @param loads loader calls that returned (a bulk load counts once)
 * @param loadFailures loader calls that threw
 * @param staleServed reads answered with a value past its ttl, inside the stale-while-revalidate
 *     window, while a refresh ran
 * @param failSafeServed reads answered with an expired value because its loader failed (fail-safe)
 * @param l2Errors Redis calls that failed, timed out or were refused by the open circuit breaker,
 *     and values not written because the codec could not encode them or read them back
 * @param l2CorruptValues Redis values that could not be used (undecodable, too long, implausible
 *     versions; each was deleted and reloaded), damaged slot versions in Redis (each replaced) and
 *     damaged invalidation messages (ignored)
 * @param l2OversizeSkips values not written to Redis because they exceeded the maximum value bytes
 * @param evictions entries the in-memory tier removed for size or expiry
 */
public record CacheStats(
    long l1Hits,
    long l1Misses,
    long l2Hits,
    long l2Misses,
    long loads,
    long loadFailures,
    long staleServed,
    long failSafeServed,
    long l2Errors,
    long l2CorruptValues,
    long l2OversizeSkips,
    long evictions) {}
