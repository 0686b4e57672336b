/**
 * hotpath's core: the request scope ({@code UnitOfWork} and its attachments), single-flight
 * execution, health checks, the clock, and the argument and listener conventions every block
 * shares ({@code Check}, {@code Listeners}). Only the API package is exported; {@code
 * dev.hotpath.core.internal} is free to change.
 */
module dev.hotpath.core {
  requires org.slf4j;

  exports dev.hotpath.core;
}
