package dev.hotpath.examples;

import org.eclipse.jetty.server.Server;

/**
 * Starts and stops an example's Jetty so that the blocks behind it (caches, pools, clients) are
 * released whichever way it goes: a server that fails to start or to stop must not leave them
 * open, or the JVM stays up.
 */
public final class JettyLifecycle {

  private JettyLifecycle() {}

  /**
   * Starts the server; if it cannot start (e.g. the port is taken), runs {@code release} and
   * rethrows.
   *
   * @param server the configured server
   * @param release closes what the server would have served
   * @throws Exception what {@link Server#start()} threw
   */
  public static void start(Server server, Runnable release) throws Exception {
    try {
      server.start();
    } catch (Exception e) {
      release.run();
      throw e;
    }
  }

  /**
   * Stops the server, then runs {@code release} whether or not it stopped cleanly.
   *
   * @param server the running server
   * @param release closes what the server served
   * @throws IllegalStateException if Jetty did not stop
   */
  public static void stop(Server server, Runnable release) {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("Jetty did not stop", e);
    } finally {
      release.run();
    }
  }
}
