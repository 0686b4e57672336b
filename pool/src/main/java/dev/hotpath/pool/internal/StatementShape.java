package dev.hotpath.pool.internal;

import dev.hotpath.metrics.LatencyRecorder;
import dev.hotpath.pool.SqlFingerprint;

/**
 * What a data source keeps per SQL string: its fingerprint and where its latency goes, resolved
 * once when the statement is prepared so that executing it costs no lookup.
 *
 * @param fingerprint the statement's shape
 * @param latency records each execution's duration; its ticker times the execution, so that
 *     one clock read both ends the measurement and places it in the recorder's window
 */
public record StatementShape(SqlFingerprint fingerprint, LatencyRecorder latency) {}
