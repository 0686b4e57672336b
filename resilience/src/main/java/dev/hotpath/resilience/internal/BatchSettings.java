package dev.hotpath.resilience.internal;

import dev.hotpath.resilience.Backpressure;
import dev.hotpath.resilience.BatchFunction;
import dev.hotpath.resilience.JobListener;
import java.time.Duration;
import java.util.List;

/**
 * The validated settings a {@code BatchProcessorBuilder} hands to {@link DefaultBatchProcessor}.
 *
 * @param <I> the input type
 * @param <O> the output type
 */
public record BatchSettings<I, O>(
    String name,
    BatchFunction<I, O> function,
    int queueCapacity,
    int batchSize,
    Duration linger,
    int workers,
    Backpressure backpressure,
    Duration maxBlock,
    Duration closeTimeout,
    int retainFinished,
    List<JobListener<I, O>> listeners) {}
