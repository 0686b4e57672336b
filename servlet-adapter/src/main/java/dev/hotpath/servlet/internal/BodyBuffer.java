package dev.hotpath.servlet.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * A growable byte array holding a response body. Pooled through {@link #acquire()} and
 * {@link #release()} so the common small body costs no allocation after warm-up.
 */
public final class BodyBuffer {
  private static final int INITIAL_CAPACITY = 4096;
  private static final int MAX_POOLED_CAPACITY = 64 * 1024;
  private static final Recycler<BodyBuffer> POOL = new Recycler<>();

  private byte[] bytes = new byte[INITIAL_CAPACITY];
  private int count;

  private BodyBuffer() {}

  /**
   * Takes an empty buffer from the pool or makes one.
   *
   * @return an empty buffer owned by the caller until {@link #release()}
   */
  public static BodyBuffer acquire() {
    BodyBuffer buffer = POOL.poll();
    return buffer == null ? new BodyBuffer() : buffer;
  }

  /** Empties the buffer and hands it back to the pool; the caller must not use it again. */
  public void release() {
    count = 0;
    if (bytes.length <= MAX_POOLED_CAPACITY) {
      POOL.offer(this);
    }
  }

  /**
   * Appends bytes.
   *
   * @param source the bytes
   * @param offset first byte
   * @param length number of bytes
   */
  public void write(byte[] source, int offset, int length) {
    ensure(length);
    System.arraycopy(source, offset, bytes, count, length);
    count += length;
  }

  /**
   * Appends one byte.
   *
   * @param b the byte (low 8 bits)
   */
  public void write(int b) {
    ensure(1);
    bytes[count++] = (byte) b;
  }

  private void ensure(int more) {
    int needed = count + more;
    if (needed > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(needed, bytes.length * 2));
    }
  }

  /**
   * Returns the backing array; valid bytes are {@code [0, size())}.
   *
   * @return the backing array, not a copy
   */
  public byte[] array() {
    return bytes;
  }

  /**
   * Returns the number of buffered bytes.
   *
   * @return the body length so far
   */
  public int size() {
    return count;
  }

  /** Drops the buffered bytes, keeping the capacity. */
  public void clear() {
    count = 0;
  }

  /**
   * Writes the buffered bytes to a stream.
   *
   * @param out the target
   * @throws IOException when the target fails
   */
  public void writeTo(OutputStream out) throws IOException {
    if (count > 0) {
      out.write(bytes, 0, count);
    }
  }
}
