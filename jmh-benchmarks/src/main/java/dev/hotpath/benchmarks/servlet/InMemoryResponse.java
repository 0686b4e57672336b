package dev.hotpath.benchmarks.servlet;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.util.Arrays;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * spring-test's mock response with a bulk-writing output stream. The mock's own stream writes
 * one byte at a time with a commit check per byte (tens of microseconds for 2 KB), which would
 * drown the filters' cost; a container's stream copies arrays, as this one does.
 */
final class InMemoryResponse extends MockHttpServletResponse {
  private final Body body = new Body();

  @Override
  public ServletOutputStream getOutputStream() {
    return body;
  }

  int bodyLength() {
    return body.count;
  }

  private static final class Body extends ServletOutputStream {
    private byte[] bytes = new byte[1024];
    private int count;

    @Override
    public void write(int b) {
      ensure(1);
      bytes[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      ensure(len);
      System.arraycopy(b, off, bytes, count, len);
      count += len;
    }

    private void ensure(int more) {
      if (count + more > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(count + more, bytes.length * 2));
      }
    }

    @Override
    public boolean isReady() {
      return true;
    }

    @Override
    public void setWriteListener(WriteListener listener) {
      throw new UnsupportedOperationException("blocking only");
    }
  }
}
