package dev.hotpath.cache.internal;

import dev.hotpath.cache.Codec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The bytes of one Redis value: a header (magic, flags, slot count, the entry's slot versions)
 * then the codec's bytes, gzip-compressed above a threshold.
 * The slot versions travel with the value so every node can tell whether it was invalidated.
 */
final class L2Format<V> {
  private static final byte MAGIC = 0x68;
  private static final int GZIP = 1;
  private static final int NEGATIVE = 2;

  private final Codec<V> codec;
  private final int tableSlots;
  private final int compressAbove;
  /** A bound on decompressed bytes, so a hostile or damaged value cannot exhaust memory. */
  private final int maxDecompressed;

  L2Format(Codec<V> codec, int tableSlots, int compressAbove, int maxValueBytes) {
    this.codec = codec;
    this.tableSlots = tableSlots;
    this.compressAbove = compressAbove;
    this.maxDecompressed = (int) Math.min(Integer.MAX_VALUE - 8, 64L * maxValueBytes);
  }

  /** A decoded value: null {@code value} is a negative entry. */
  record Stored<V>(V value, int[] slots, long[] versions) {}

  byte[] encode(Entry<V> entry) throws Exception {
    byte[] payload = entry.value == null ? new byte[0] : codec.encode(entry.value);
    int flags = entry.value == null ? NEGATIVE : 0;
    if (payload.length > compressAbove) {
      payload = gzip(payload);
      flags |= GZIP;
    }
    int n = entry.slots.length;
    ByteBuffer out = ByteBuffer.allocate(2 + 4 + 1 + n * 12 + payload.length);
    out.put(MAGIC).put((byte) flags).putInt(tableSlots).put((byte) n);
    for (int i = 0; i < n; i++) {
      out.putInt(entry.slots[i]).putLong(entry.versions[i]);
    }
    return out.put(payload).array();
  }

  /**
   * Decodes a value.
   *
   * @throws IllegalArgumentException if the bytes were not written by this format with the same
   *     slot count, or the codec rejects them
   */
  Stored<V> decode(byte[] bytes) throws Exception {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    if (bytes.length < 7 || in.get() != MAGIC) {
      throw new IllegalArgumentException("not a hotpath cache value");
    }
    int flags = in.get();
    int slotCount = in.getInt();
    if (slotCount != tableSlots) {
      throw new IllegalArgumentException("written with " + slotCount + " slots, this cache has " + tableSlots);
    }
    int n = in.get() & 0xff;
    if (n < 2 || in.remaining() < n * 12) {
      throw new IllegalArgumentException("truncated header");
    }
    int[] slots = new int[n];
    long[] versions = new long[n];
    for (int i = 0; i < n; i++) {
      slots[i] = in.getInt();
      versions[i] = in.getLong();
      if (slots[i] < 0 || slots[i] > tableSlots) {
        throw new IllegalArgumentException("slot out of range: " + slots[i]);
      }
    }
    if ((flags & NEGATIVE) != 0) {
      return new Stored<>(null, slots, versions);
    }
    byte[] payload = new byte[in.remaining()];
    in.get(payload);
    if ((flags & GZIP) != 0) {
      payload = gunzip(payload);
    }
    return new Stored<>(codec.decode(payload), slots, versions);
  }

  private static byte[] gzip(byte[] plain) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(plain.length / 2 + 32);
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(plain);
    }
    return bytes.toByteArray();
  }

  private byte[] gunzip(byte[] compressed) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
      byte[] plain = in.readNBytes(maxDecompressed + 1);
      if (plain.length > maxDecompressed) {
        throw new IllegalArgumentException("decompresses to more than " + maxDecompressed + " bytes");
      }
      return plain;
    }
  }
}
