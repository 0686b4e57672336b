package dev.hotpath.pool.internal;

import dev.hotpath.pool.SqlFingerprint;
import java.util.function.LongConsumer;

/**
 * What a data source keeps per SQL string: its fingerprint and where its latency goes, resolved
 * once when the statement is prepared so that executing it costs no lookup.
 *
 * @param fingerprint the statement's shape
 * @param latency receives each execution's duration in nanoseconds
 */
public record StatementShape(SqlFingerprint fingerprint, LongConsumer latency) {}
