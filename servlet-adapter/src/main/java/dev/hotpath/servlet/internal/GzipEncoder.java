package dev.hotpath.servlet.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes the gzip format (RFC 1952) with a pooled {@link Deflater}: creating a Deflater costs a
 * native zlib stream of hundreds of KiB, too much per response. Output is deterministic (no
 * timestamp in the header), so equal bodies give equal bytes. Not thread-safe; one per response.
 */
public final class GzipEncoder {
  private static final byte[] HEADER = {0x1f, (byte) 0x8b, Deflater.DEFLATED, 0, 0, 0, 0, 0, 0, (byte) 0xff};
  private static final Recycler<GzipEncoder> POOL = new Recycler<>();

  private final Deflater deflater;
  private final CRC32 crc = new CRC32();
  private final byte[] out = new byte[8192];
  private final int level;

  private GzipEncoder(int level) {
    this.level = level;
    this.deflater = new Deflater(level, true);
  }

  /**
   * Takes an encoder at the given level from the pool, or makes one.
   *
   * @param level the deflate level, -1 to 9
   * @return an encoder owned by the caller until {@link #release()}
   */
  public static GzipEncoder acquire(int level) {
    GzipEncoder encoder = POOL.poll();
    if (encoder != null && encoder.level != level) {
      encoder.deflater.end();
      encoder = null;
    }
    return encoder == null ? new GzipEncoder(level) : encoder;
  }

  /** Resets the encoder and hands it back to the pool (or frees its native memory). */
  public void release() {
    deflater.reset();
    crc.reset();
    if (!POOL.offer(this)) {
      deflater.end();
    }
  }

  /**
   * Writes the gzip header.
   *
   * @param target the compressed stream
   * @throws IOException when the target fails
   */
  public void start(OutputStream target) throws IOException {
    target.write(HEADER);
  }

  /**
   * Compresses bytes.
   *
   * @param bytes the data
   * @param offset first byte
   * @param length number of bytes
   * @param target the compressed stream
   * @throws IOException when the target fails
   */
  public void write(byte[] bytes, int offset, int length, OutputStream target) throws IOException {
    if (length == 0) {
      return;
    }
    crc.update(bytes, offset, length);
    deflater.setInput(bytes, offset, length);
    while (!deflater.needsInput()) {
      drain(Deflater.NO_FLUSH, target);
    }
  }

  /**
   * Emits everything written so far (a sync flush), so a streaming client can decode it now.
   *
   * @param target the compressed stream
   * @throws IOException when the target fails
   */
  public void flush(OutputStream target) throws IOException {
    while (drain(Deflater.SYNC_FLUSH, target) == out.length) {
      // the output buffer was full: more is pending
    }
  }

  /**
   * Ends the stream: the last deflate block and the CRC32/size trailer.
   *
   * @param target the compressed stream
   * @throws IOException when the target fails
   */
  public void finish(OutputStream target) throws IOException {
    deflater.finish();
    while (!deflater.finished()) {
      drain(Deflater.NO_FLUSH, target);
    }
    long value = crc.getValue();
    long size = deflater.getBytesRead();
    byte[] trailer = out;
    for (int i = 0; i < 4; i++) {
      trailer[i] = (byte) (value >>> (8 * i));
      trailer[4 + i] = (byte) (size >>> (8 * i));
    }
    target.write(trailer, 0, 8);
  }

  private int drain(int mode, OutputStream target) throws IOException {
    int n = deflater.deflate(out, 0, out.length, mode);
    if (n > 0) {
      target.write(out, 0, n);
    }
    return n;
  }
}
