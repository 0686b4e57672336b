package dev.hotpath.benchmarks;

import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The run settings every benchmark of this module shares, stated once so the rows of the README
 * stay comparable: average time, three warm-up and five measured one-second iterations, one fork
 * (JMH's annotations are inherited). A benchmark extends it and states its own time unit and
 * state scope; a command line ({@code -f 1 -wi 1 -i 1 ...}) still overrides all of it.
 */
@BenchmarkMode(Mode.AverageTime)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public abstract class StandardRun {}
