package dev.hotpath.cache.internal;

import dev.hotpath.metrics.LatencyRecorder;
import dev.hotpath.metrics.MetricId;
import io.lettuce.core.KeyValue;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One cache's use of the Redis tier: values under {@code <prefix>:<namespace>:k:<key>}, slot
 * versions in the hash {@code <prefix>:<namespace>:v}, raised by a script that also publishes the
 * new version. Every call is fail-open: a Redis failure is counted and reads as a miss.
 */
final class L2Client<V> implements InvalidationListener {
  /** After a resubscription, how soon to retry reading the versions while Redis is still coming back. */
  private static final long RESYNC_RETRY_MILLIS = 50;
  private static final byte[] LOCK_VALUE = {'1'};
  /**
   * How far ahead of this node's clock a version may be: versions are Redis's clock in
   * microseconds (or just above it), so one further ahead was not written by the raise script,
   * and adopting it would freeze its slot (later, smaller versions would be ignored).
   */
  static final long MAX_VERSION_AHEAD_MICROS = 86_400_000_000L;

  /**
   * Raises one slot and announces it, atomically. The new version is at least Redis's clock in
   * microseconds, so versions keep growing even if Redis lost the hash (restart without
   * persistence) and nodes still remember higher ones. A stored version the script could not
   * have written (not an integer, negative, over a day ahead of the clock) is replaced, and a key
   * of the wrong type is deleted, so damaged data never stops invalidations.
   */
  private static final String RAISE_SCRIPT =
      "local t = redis.call('TIME')\n"
          + "local now = tonumber(t[1]) * 1000000 + tonumber(t[2])\n"
          + "local kind = redis.call('TYPE', KEYS[1]).ok\n"
          + "if kind ~= 'hash' and kind ~= 'none' then redis.call('DEL', KEYS[1]) end\n"
          + "local old = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')\n"
          + "if old == nil or old < 0 or old ~= math.floor(old) or old > now + "
          + MAX_VERSION_AHEAD_MICROS
          + " then old = 0 end\n"
          + "local v = string.format('%.0f', math.max(old + 1, now))\n"
          + "redis.call('HSET', KEYS[1], ARGV[1], v)\n"
          + "redis.call('PUBLISH', ARGV[2], ARGV[3] .. '\\n' .. ARGV[1] .. '\\n' .. v)\n"
          + "return v";

  /**
   * Reads every slot version, and the hash's epoch: a random id the first reader sets when the
   * hash has none, so a hash that was lost (Redis restarted without persistence) or replaced is
   * told from the one a node knew. A versions key of the wrong type is deleted first.
   */
  private static final String READ_VERSIONS_SCRIPT =
      "local kind = redis.call('TYPE', KEYS[1]).ok\n"
          + "if kind ~= 'hash' and kind ~= 'none' then redis.call('DEL', KEYS[1]) end\n"
          + "redis.call('HSETNX', KEYS[1], 'epoch', ARGV[1])\n"
          + "return redis.call('HGETALL', KEYS[1])";
  private static final String EPOCH_FIELD = "epoch";

  private final RedisConnections redis;
  private final String namespace;
  /** The epoch of the versions hash as last read; null before the first read. */
  private volatile String epoch;
  private final String keyPrefix;
  private final byte[] versionsKey;
  private final VersionTable versions;
  private final Lifetimes lifetimes;
  private final CacheCounters counters;
  private final Runnable clearL1;
  private final L2Format<V> format;
  private final int maxValueBytes;
  private final LatencyRecorder latency;
  /** False from a (re)subscription until the slot versions were re-read: Redis values wait. */
  private volatile boolean versionsKnown;
  /** True while the tier's heartbeat goes unheard: neither memory nor Redis values are trusted. */
  private volatile boolean deaf;
  private volatile boolean closed;
  private final AtomicBoolean missedInvalidation = new AtomicBoolean();
  private final Executor executor;
  private final String lockPrefix;
  private final long lockNanos;

  L2Client(
      CacheConfig<?, V> config,
      VersionTable versions,
      Lifetimes lifetimes,
      CacheCounters counters,
      Runnable clearL1) {
    this.redis = config.l2;
    this.namespace = config.effectiveNamespace();
    this.keyPrefix = redis.keyPrefix() + ":" + namespace + ":k:";
    this.versionsKey = bytes(redis.keyPrefix() + ":" + namespace + ":v");
    this.versions = versions;
    this.lifetimes = lifetimes;
    this.counters = counters;
    this.clearL1 = clearL1;
    this.format = new L2Format<>(config.codec, versions.slots(), config.compressAboveBytes, config.maxValueBytes);
    this.maxValueBytes = config.maxValueBytes;
    this.executor = config.executor;
    this.lockPrefix = redis.keyPrefix() + ":" + namespace + ":l:";
    this.lockNanos = config.crossNodeLockNanos();
    this.latency = config.metrics.recorder(MetricId.of("hotpath.cache.l2", "cache", config.name));
    redis.register(namespace, this);
    readVersions().join();
    if (!versionsKnown) {
      onSubscribed();
    }
  }

  /** Reads one value; null when absent, invalidated, corrupt or Redis unavailable. */
  Entry<V> read(String keyString) {
    return readAsync(keyString).join();
  }

  /** As {@link #read}, without blocking; the future never fails. */
  CompletableFuture<Entry<V>> readAsync(String keyString) {
    byte[] key = key(keyString);
    long start = System.nanoTime();
    return redis
        .call(commands -> commands.get(key))
        .handle(
            (bytes, failure) -> {
              latency.record(System.nanoTime() - start);
              if (failure != null) {
                counters.l2Errors.increment();
                counters.l2Misses.increment();
                return null;
              }
              afterRedisAnswered();
              return accept(key, bytes);
            });
  }

  /** Reads several values in one round trip; absent or unusable ones are left out. */
  Map<String, Entry<V>> readAll(Collection<String> keyStrings) {
    byte[][] keys = keyStrings.stream().map(this::key).toArray(byte[][]::new);
    List<KeyValue<byte[], byte[]>> values =
        redis.call(commands -> commands.mget(keys)).exceptionally(failure -> null).join();
    Map<String, Entry<V>> found = new HashMap<>();
    if (values == null) {
      counters.l2Errors.increment();
      counters.l2Misses.add(keyStrings.size());
      return found;
    }
    int i = 0;
    for (String keyString : keyStrings) {
      KeyValue<byte[], byte[]> value = values.get(i);
      Entry<V> entry = accept(keys[i++], value.hasValue() ? value.getValue() : null);
      if (entry != null) {
        found.put(keyString, entry);
      }
    }
    return found;
  }

  private Entry<V> accept(byte[] key, byte[] bytes) {
    if (bytes == null || !versionsKnown || deaf) {
      counters.l2Misses.increment();
      return null;
    }
    L2Format.Stored<V> stored = null;
    if (bytes.length <= maxValueBytes) {
      try {
        stored = format.decode(bytes);
      } catch (Exception | Error e) {
        // Whatever the codec throws for these bytes (a StackOverflowError on deep nesting, an
        // OutOfMemoryError on a hostile length) concerns this value only: drop it and reload.
      }
    }
    if (stored == null || !plausible(stored.versions())) {
      counters.l2CorruptValues.increment();
      counters.l2Misses.increment();
      redis.call(commands -> commands.del(key));
      return null;
    }
    for (int i = 0; i < stored.slots().length; i++) {
      if (stored.versions()[i] < versions.get(stored.slots()[i])) {
        counters.l2Misses.increment();
        return null;
      }
    }
    // The writer may have heard of an invalidation this node has not yet: adopt its versions.
    for (int i = 0; i < stored.slots().length; i++) {
      versions.raise(stored.slots()[i], stored.versions()[i]);
    }
    counters.l2Hits.increment();
    return lifetimes.entry(stored.value(), stored.slots(), stored.versions());
  }

  /** After a Redis miss: either another node's freshly loaded entry, or this node's turn to load. */
  record LoadTurn<V>(Entry<V> loaded, boolean locked) {}

  /**
   * Takes the key's cross-node load lock, or waits (bounded) for the node holding it to write
   * the value. Redis unavailable counts as "load it yourself".
   */
  LoadTurn<V> awaitOtherNodeLoad(String keyString) throws InterruptedException {
    if (lockNanos == 0) {
      return new LoadTurn<>(null, false);
    }
    byte[] lock = bytes(lockPrefix + keyString);
    SetArgs args = SetArgs.Builder.nx().px(Math.max(1, lockNanos / 1_000_000));
    String taken = redis.call(commands -> commands.set(lock, LOCK_VALUE, args)).exceptionally(failure -> "OK").join();
    if ("OK".equals(taken)) {
      return new LoadTurn<>(null, true);
    }
    long deadline = System.nanoTime() + lockNanos;
    long pollMillis = Math.max(1, Math.min(10, lockNanos / 10_000_000));
    while (System.nanoTime() < deadline) {
      Thread.sleep(pollMillis);
      Entry<V> loaded = read(keyString);
      if (loaded != null) {
        return new LoadTurn<>(loaded, false);
      }
    }
    return new LoadTurn<>(null, false);
  }

  void releaseLoadLock(String keyString) {
    byte[] lock = bytes(lockPrefix + keyString);
    redis.call(commands -> commands.del(lock));
  }

  /**
   * Writes an entry in the background; too big values are skipped and counted, and so are values
   * the codec cannot encode or cannot read back: every node with this configuration must be able
   * to read what this node writes (a codec's reader may have limits its writer does not check).
   */
  void write(String keyString, Entry<V> entry) {
    byte[] bytes;
    try {
      bytes = format.encode(entry);
    } catch (Exception | Error e) {
      counters.l2Errors.increment();
      return;
    }
    if (bytes.length > maxValueBytes) {
      counters.l2OversizeSkips.increment();
      return;
    }
    try {
      format.decode(bytes);
    } catch (Exception | Error e) {
      counters.l2Errors.increment();
      return;
    }
    long ttlMillis = lifetimes.remainingMillis(entry);
    SetArgs args = ttlMillis > 0 ? SetArgs.Builder.px(ttlMillis) : new SetArgs();
    byte[] key = key(keyString);
    redis
        .call(commands -> commands.set(key, bytes, args))
        .whenComplete(
            (ok, failure) -> {
              if (failure != null) {
                counters.l2Errors.increment();
              } else {
                afterRedisAnswered();
              }
            });
  }

  /**
   * Other nodes never heard of an invalidation this node could not send, and which keys or tags
   * it concerned is not kept: once Redis answers again, invalidate this cache on every node.
   */
  @Override
  public void onRedisAnswered() {
    afterRedisAnswered();
  }

  private void afterRedisAnswered() {
    if (missedInvalidation.get() && missedInvalidation.compareAndSet(true, false)) {
      // Off Lettuce's event loop: invalidate waits for Redis.
      executor.execute(() -> invalidate(versions.allSlot(), null));
    }
  }

  /**
   * Raises a slot in Redis and announces it to every node, deleting a key's value first when
   * given; adopts the new version locally.
   *
   * @return false when Redis could not be reached, so the caller raises the slot locally
   */
  boolean invalidate(int slot, String keyStringToDelete) {
    if (keyStringToDelete != null) {
      byte[] key = key(keyStringToDelete);
      redis.call(commands -> commands.del(key));
    }
    byte[][] args = {bytes(Integer.toString(slot)), bytes(redis.channel()), bytes(namespace)};
    byte[] version =
        redis
            .<byte[]>call(commands -> commands.eval(RAISE_SCRIPT, ScriptOutputType.VALUE, new byte[][] {versionsKey}, args))
            .exceptionally(failure -> null)
            .join();
    long raised = version == null ? -1 : parseVersion(version);
    if (raised < 0) {
      counters.l2Errors.increment();
      missedInvalidation.set(true);
      return false;
    }
    versions.raise(slot, raised);
    afterRedisAnswered();
    return true;
  }

  /** The version in {@code text}, or -1 when it is not a plausible version. */
  private static long parseVersion(byte[] text) {
    try {
      long version = Long.parseLong(new String(text, StandardCharsets.US_ASCII));
      return plausible(version) ? version : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Whether the raise script could have written {@code version} (see {@link #MAX_VERSION_AHEAD_MICROS}). */
  static boolean plausible(long version) {
    return version >= 0 && version <= System.currentTimeMillis() * 1000 + MAX_VERSION_AHEAD_MICROS;
  }

  private static boolean plausible(long[] versions) {
    for (long version : versions) {
      if (!plausible(version)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void onDamagedMessage() {
    counters.l2CorruptValues.increment();
  }

  @Override
  public void onRaise(int slot, long version) {
    if (!plausible(version)) {
      onDamagedMessage();
      return;
    }
    if (versions.isSlot(slot)) {
      versions.raise(slot, version);
      if (slot == versions.allSlot()) {
        clearL1.run();
      }
    }
  }

  /** Whether memory may keep entries: not while invalidations may be going unheard. */
  boolean trustsMemory() {
    return !deaf;
  }

  /** Set before clearing, so an entry put after the clear sees it and is removed again. */
  @Override
  public void onDeaf() {
    deaf = true;
    clearL1.run();
  }

  @Override
  public void onHeardAgain() {
    deaf = false;
    onSubscribed();
  }

  /**
   * Messages may have been lost while unsubscribed: re-read every slot version. That catches up
   * with every invalidation missed meanwhile (a raised slot makes its entries count as missing),
   * so memory is kept, unless the versions hash itself was lost or replaced (its epoch changed):
   * then memory is cleared. Redis values wait until the versions are known.
   */
  @Override
  public void onSubscribed() {
    versionsKnown = false;
    readVersions()
        .thenRun(
            () -> {
              if (!versionsKnown && !closed) {
                // The data connection may still be reconnecting: try again shortly.
                CompletableFuture.delayedExecutor(RESYNC_RETRY_MILLIS, TimeUnit.MILLISECONDS)
                    .execute(this::onSubscribed);
              }
            });
  }

  /** Adopts every slot version Redis holds; completes (never fails) when done or failed. */
  private CompletableFuture<Void> readVersions() {
    // New for every read: a hash this read recreates must not carry the epoch it had before.
    byte[] epochCandidate = bytes(UUID.randomUUID().toString());
    return redis
        .<List<Object>>call(
            commands ->
                commands.eval(READ_VERSIONS_SCRIPT, ScriptOutputType.MULTI, new byte[][] {versionsKey}, epochCandidate))
        .handle(
            (fieldsAndValues, failure) -> {
              if (failure != null) {
                counters.l2Errors.increment();
                return null;
              }
              Map<String, byte[]> all = new HashMap<>();
              for (int i = 0; i + 1 < fieldsAndValues.size(); i += 2) {
                all.put(new String((byte[]) fieldsAndValues.get(i), StandardCharsets.UTF_8), (byte[]) fieldsAndValues.get(i + 1));
              }
              byte[] seen = all.remove(EPOCH_FIELD);
              String seenEpoch = seen == null ? null : new String(seen, StandardCharsets.UTF_8);
              if (epoch != null && !epoch.equals(seenEpoch)) {
                // The versions may have gone back: entries can no longer be judged by them.
                clearL1.run();
              }
              epoch = seenEpoch;
              adopt(all);
              versionsKnown = true;
              return null;
            });
  }

  /**
   * Adopts the versions of a {@code HGETALL}; a damaged version is counted and replaced by
   * raising its slot again through Redis (off Lettuce's event loop: that call waits for Redis).
   */
  private void adopt(Map<String, byte[]> all) {
    all.forEach(
        (field, value) -> {
          int slot;
          try {
            slot = Integer.parseInt(field);
          } catch (NumberFormatException ignored) {
            return; // A field not written by the raise script: not a version.
          }
          if (!versions.isSlot(slot)) {
            return;
          }
          long version = parseVersion(value);
          if (version >= 0) {
            versions.raise(slot, version);
          } else {
            counters.l2CorruptValues.increment();
            executor.execute(() -> invalidate(slot, null));
          }
        });
  }

  void close() {
    closed = true;
    redis.unregister(namespace, this);
  }

  private byte[] key(String keyString) {
    return bytes(keyPrefix + keyString);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
