package dev.hotpath.benchmarks.cache;

import dev.hotpath.benchmarks.StandardRun;
import dev.hotpath.cache.TieredCache;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@link TieredCache#invalidateTag} of a tag carried by 10 or by 100,000 entries: O(1) means the
 * two take the same time, because the tag's version moves and no entry is visited.
 */
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class InvalidateTagBenchmark extends StandardRun {
  @Param({"10", "100000"})
  public int taggedEntries;

  private TieredCache<Integer, String> cache;

  @Setup
  public void fill() {
    cache = TieredCache.<Integer, String>builder("tags").maximumSize(200_000).build();
    List<String> tags = List.of("album:1");
    for (int i = 0; i < taggedEntries; i++) {
      cache.put(i, "value", tags);
    }
  }

  /** Hides every entry tagged {@code album:1}. */
  @Benchmark
  public void invalidateTag() {
    cache.invalidateTag("album:1");
  }
}
