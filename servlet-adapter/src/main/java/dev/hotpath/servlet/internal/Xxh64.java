package dev.hotpath.servlet.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * XXH64 (seed 0) over a byte range: a fast, well-distributed 64-bit non-cryptographic hash.
 * ETags only need to change when the body changes; MD5 (what Spring uses) costs several times
 * more and buys collision resistance against attackers, which an ETag of one's own body does
 * not need.
 */
public final class Xxh64 {
  private static final long P1 = 0x9E3779B185EBCA87L;
  private static final long P2 = 0xC2B2AE3D27D4EB4FL;
  private static final long P3 = 0x165667B19E3779F9L;
  private static final long P4 = 0x85EBCA77C2B2AE63L;
  private static final long P5 = 0x27D4EB2F165667C5L;

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INTS =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  private Xxh64() {}

  /**
   * Hashes {@code bytes[offset, offset + length)}.
   *
   * @param bytes the data
   * @param offset first byte
   * @param length number of bytes
   * @return the XXH64 hash with seed 0
   */
  public static long hash(byte[] bytes, int offset, int length) {
    int end = offset + length;
    int p = offset;
    long h;
    if (length >= 32) {
      long v1 = P1 + P2;
      long v2 = P2;
      long v3 = 0;
      long v4 = -P1;
      int limit = end - 32;
      do {
        v1 = round(v1, (long) LONGS.get(bytes, p));
        v2 = round(v2, (long) LONGS.get(bytes, p + 8));
        v3 = round(v3, (long) LONGS.get(bytes, p + 16));
        v4 = round(v4, (long) LONGS.get(bytes, p + 24));
        p += 32;
      } while (p <= limit);
      h = Long.rotateLeft(v1, 1) + Long.rotateLeft(v2, 7) + Long.rotateLeft(v3, 12)
          + Long.rotateLeft(v4, 18);
      h = merge(h, v1);
      h = merge(h, v2);
      h = merge(h, v3);
      h = merge(h, v4);
    } else {
      h = P5;
    }
    h += length;
    while (p + 8 <= end) {
      h ^= round(0, (long) LONGS.get(bytes, p));
      h = Long.rotateLeft(h, 27) * P1 + P4;
      p += 8;
    }
    if (p + 4 <= end) {
      h ^= ((int) INTS.get(bytes, p) & 0xFFFFFFFFL) * P1;
      h = Long.rotateLeft(h, 23) * P2 + P3;
      p += 4;
    }
    while (p < end) {
      h ^= (bytes[p] & 0xFFL) * P5;
      h = Long.rotateLeft(h, 11) * P1;
      p++;
    }
    h ^= h >>> 33;
    h *= P2;
    h ^= h >>> 29;
    h *= P3;
    h ^= h >>> 32;
    return h;
  }

  private static long round(long acc, long input) {
    return Long.rotateLeft(acc + input * P2, 31) * P1;
  }

  private static long merge(long acc, long value) {
    return (acc ^ round(0, value)) * P1 + P4;
  }
}
