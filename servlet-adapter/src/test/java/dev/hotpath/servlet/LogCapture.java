package dev.hotpath.servlet;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Captures what a test's server logs: every java.util.logging record (Tomcat logs through it)
 * with its message, parameters and stack trace, and everything written to {@code System.err}
 * (slf4j-simple, which Jetty and hotpath log through here, resolves it on every line).
 */
final class LogCapture implements AutoCloseable {
  private final StringBuffer text = new StringBuffer();
  private final Logger root = Logger.getLogger("");
  private final PrintStream originalErr = System.err;
  private final Handler handler = new Handler() {
    @Override
    public void publish(LogRecord record) {
      text.append(record.getLevel()).append(' ').append(record.getLoggerName()).append(": ")
          .append(record.getMessage()).append('\n');
      if (record.getParameters() != null) {
        for (Object parameter : record.getParameters()) {
          text.append("  parameter: ").append(parameter).append('\n');
        }
      }
      if (record.getThrown() != null) {
        StringWriter trace = new StringWriter();
        record.getThrown().printStackTrace(new PrintWriter(trace));
        text.append(trace);
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  LogCapture() {
    handler.setLevel(Level.ALL);
    root.addHandler(handler);
    OutputStream tee = new OutputStream() {
      private final ByteArrayOutputStream line = new ByteArrayOutputStream();

      @Override
      public synchronized void write(int b) {
        originalErr.write(b);
        line.write(b);
        if (b == '\n') {
          text.append(line.toString(StandardCharsets.UTF_8));
          line.reset();
        }
      }
    };
    System.setErr(new PrintStream(tee, true, StandardCharsets.UTF_8));
  }

  /** Everything captured so far. */
  String text() {
    return text.toString();
  }

  @Override
  public void close() {
    System.err.flush();
    System.setErr(originalErr);
    root.removeHandler(handler);
  }
}
