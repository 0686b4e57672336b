package dev.hotpath.servlet;

/**
 * The servlet containers every filter and servlet test runs on. They differ where the Servlet
 * specification leaves room (error pages, what {@code sendError} commits, HEAD bodies, async
 * completion, {@code flushBuffer}), which is exactly where filters go wrong.
 */
enum Container {
  /** Jetty 12, ee11 environment. */
  JETTY,
  /** Apache Tomcat 11, embedded. */
  TOMCAT
}
