package dev.hotpath.cache;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP proxy whose connections can be stalled one by one: a stalled connection stops
 * forwarding in both directions while both its sockets stay open, as a hung middlebox or a
 * half-open connection would. Connections are numbered in the order they were accepted.
 */
final class StallingProxy implements AutoCloseable {
  private final ServerSocket server;
  private final String targetHost;
  private final int targetPort;
  private final List<Link> links = new CopyOnWriteArrayList<>();

  StallingProxy(String targetHost, int targetPort) {
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    try {
      this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread acceptor = new Thread(this::accept, "stalling-proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  int connections() {
    return links.size();
  }

  /** Stops forwarding on connection {@code index}; its sockets stay open. */
  void stall(int index) {
    links.get(index).setStalled(true);
  }

  void resume(int index) {
    links.get(index).setStalled(false);
  }

  /** Closes both sockets of connection {@code index}, as a dropped connection would. */
  void cut(int index) {
    links.get(index).close();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket upstream = new Socket(targetHost, targetPort);
        Link link = new Link(client, upstream);
        links.add(link);
        link.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Link link : links) {
      link.close();
    }
  }

  /** One proxied connection: a pump thread per direction. */
  private static final class Link {
    private final Socket client;
    private final Socket upstream;
    private boolean stalled;

    Link(Socket client, Socket upstream) {
      this.client = client;
      this.upstream = upstream;
    }

    void start() throws IOException {
      pump(client.getInputStream(), upstream.getOutputStream());
      pump(upstream.getInputStream(), client.getOutputStream());
    }

    synchronized void setStalled(boolean stalled) {
      this.stalled = stalled;
      notifyAll();
    }

    private synchronized void awaitUnstalled() throws InterruptedException {
      while (stalled) {
        wait();
      }
    }

    private void pump(InputStream in, OutputStream out) {
      Thread thread =
          new Thread(
              () -> {
                byte[] buffer = new byte[8192];
                try {
                  int n;
                  while ((n = in.read(buffer)) >= 0) {
                    // Bytes read while stalled are held back, not dropped, until resumed.
                    awaitUnstalled();
                    out.write(buffer, 0, n);
                    out.flush();
                  }
                } catch (IOException | InterruptedException e) {
                  // the link is closing
                } finally {
                  close();
                }
              },
              "stalling-proxy-pump");
      thread.setDaemon(true);
      thread.start();
    }

    void close() {
      try {
        client.close();
        upstream.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
  }
}
