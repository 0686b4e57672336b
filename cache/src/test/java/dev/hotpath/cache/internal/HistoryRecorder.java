package dev.hotpath.cache.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drives one cache node with readers and a writer over a versioned source and records what
 * happened, then judges the history of every node (DESIGN invariant 1): a read must not return a
 * version older than that of an invalidation it had to know of, one that completed on its own
 * node before it began, or whose slot version its node had applied before it began (on another
 * node: the pub/sub message had arrived). Records travel between JVMs as text lines.
 */
final class HistoryRecorder {
  static final int TAGGED_KEYS = 4;
  static final int KEYS = 6;
  static final long LOAD_MILLIS = 20;

  /** The system of record: a version per key that writers raise. */
  interface Source {
    long current(int key);

    long raise(int key);
  }

  /** One completed invalidation: after it, reads of {@code key} must see at least {@code source}. */
  record Invalidation(int key, int node, int slot, long slotVersion, long source, long end) {
    String line() {
      return "I " + key + " " + node + " " + slot + " " + slotVersion + " " + source + " " + end;
    }
  }

  /** One read: its node, when it ran, its key's slots and their versions on its node at the start. */
  record Read(int key, int node, String kind, long start, long end, int[] slots, long[] known, long returned) {
    long knownVersionOf(int slot) {
      for (int i = 0; i < slots.length; i++) {
        if (slots[i] == slot) {
          return known[i];
        }
      }
      throw new IllegalArgumentException("slot " + slot + " is not one of this read's");
    }

    String line() {
      return "R " + key + " " + node + " " + kind + " " + start + " " + end + " "
          + join(Arrays.stream(slots).asLongStream().toArray()) + " " + join(known) + " " + returned;
    }
  }

  /** What the check found. */
  record Verdict(long reads, long checked, long invalidations, List<String> stale) {
    String summary() {
      return String.format(
          "%d reads (%d after an invalidation they had to know of), %d invalidations, %d stale (%.2f%%)",
          reads, checked, invalidations, stale.size(), checked == 0 ? 0.0 : 100.0 * stale.size() / checked);
    }
  }

  final ConcurrentLinkedQueue<Invalidation> invalidations = new ConcurrentLinkedQueue<>();
  final ConcurrentLinkedQueue<Read> reads = new ConcurrentLinkedQueue<>();
  final AtomicLong failures = new AtomicLong();
  private final Source source;

  HistoryRecorder(Source source) {
    this.source = source;
  }

  static String key(int k) {
    return "k" + k;
  }

  /** Keys below {@link #TAGGED_KEYS} carry a tag shared with one other key. */
  static List<String> tags(int k) {
    return k < TAGGED_KEYS ? List.of("group" + (k % 2)) : List.of();
  }

  private long load(int k) {
    long version = source.current(k);
    sleep(LOAD_MILLIS);
    return version;
  }

  /** Raises the source of a random key, then invalidates it (by key or tag) on {@code cache}. */
  void write(DefaultTieredCache<String, Long> cache, int node, long deadline, int maxPauseMillis) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    while (System.nanoTime() < deadline) {
      int k = random.nextInt(KEYS);
      long version = source.raise(k);
      int slot;
      try {
        if (k < TAGGED_KEYS && random.nextBoolean()) {
          String tag = tags(k).get(0);
          cache.invalidateTag(tag);
          slot = cache.versions.tagSlot(tag);
        } else {
          cache.invalidate(key(k));
          slot = cache.versions.keySlot(key(k));
        }
      } catch (RuntimeException e) {
        failures.incrementAndGet();
        continue;
      }
      // Read after the call returned: at least the version this invalidation raised the slot to.
      long slotVersion = cache.versions.get(slot);
      invalidations.add(new Invalidation(k, node, slot, slotVersion, version, System.nanoTime()));
      // Pacing only, so that loads of 20 ms overlap a few invalidations each; correctness is
      // decided from the recorded history, not from timing.
      sleep(random.nextInt(2, maxPauseMillis));
    }
  }

  /** Reads random keys through get, getAsync or (untagged keys) getAll, recording each. */
  void read(DefaultTieredCache<String, Long> cache, int node, long deadline) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    while (System.nanoTime() < deadline) {
      int k = random.nextInt(KEYS);
      String key = key(k);
      int[] slots = TagRules.slotsOf(cache.versions, key, tags(k));
      long[] known = cache.versions.capture(slots);
      int kind = random.nextInt(k < TAGGED_KEYS ? 2 : 3);
      long start = System.nanoTime();
      Long value;
      String name;
      try {
        if (kind == 0) {
          name = "get";
          value = cache.get(key, tags(k), any -> load(k));
        } else if (kind == 1) {
          name = "getAsync";
          value =
              cache.getAsync(key, tags(k), any -> CompletableFuture.supplyAsync(() -> load(k))).get(10, TimeUnit.SECONDS);
        } else {
          name = "getAll";
          Map<String, Long> all = cache.getAll(List.of(key), keys -> Map.of(key, load(k)));
          value = all.get(key);
        }
      } catch (Exception | Error e) {
        failures.incrementAndGet();
        continue;
      }
      reads.add(new Read(k, node, name, start, System.nanoTime(), slots, known, value));
    }
  }

  static Verdict check(Collection<Invalidation> invalidations, Collection<Read> reads) {
    List<Invalidation> done = List.copyOf(invalidations);
    long checked = 0;
    List<String> stale = new ArrayList<>();
    for (Read read : reads) {
      long required = 0;
      for (Invalidation inv : done) {
        if (inv.key() == read.key()
            && ((inv.node() == read.node() && inv.end() < read.start())
                || read.knownVersionOf(inv.slot()) >= inv.slotVersion())) {
          required = Math.max(required, inv.source());
        }
      }
      if (required > 0) {
        checked++;
      }
      if (read.returned() < required) {
        stale.add(read.kind() + " of " + key(read.key()) + " on node " + read.node() + " returned "
            + read.returned() + ", needed " + required);
      }
    }
    return new Verdict(reads.size(), checked, done.size(), stale);
  }

  /** Parses a line written by {@link Invalidation#line()} or {@link Read#line()}. */
  static Object parse(String line) {
    String[] f = line.split(" ");
    if (f[0].equals("I")) {
      return new Invalidation(
          Integer.parseInt(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3]),
          Long.parseLong(f[4]), Long.parseLong(f[5]), Long.parseLong(f[6]));
    }
    long[] slots = split(f[6]);
    return new Read(
        Integer.parseInt(f[1]), Integer.parseInt(f[2]), f[3], Long.parseLong(f[4]), Long.parseLong(f[5]),
        Arrays.stream(slots).mapToInt(Math::toIntExact).toArray(), split(f[7]), Long.parseLong(f[8]));
  }

  private static String join(long[] values) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < values.length; i++) {
      out.append(i == 0 ? "" : ",").append(values[i]);
    }
    return out.toString();
  }

  private static long[] split(String values) {
    return Arrays.stream(values.split(",")).mapToLong(Long::parseLong).toArray();
  }

  static Thread start(String name, Runnable work) {
    Thread thread = new Thread(work, name);
    thread.start();
    return thread;
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
