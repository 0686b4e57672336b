package dev.hotpath.core.testing;

import java.time.Duration;

/** Asks whatever listens on a TCP port whether it is the expected service. */
@FunctionalInterface
interface ServiceProbe {

  /**
   * Connects, speaks the protocol and classifies the answer; never throws.
   *
   * @param host the host to connect to
   * @param port the port to connect to
   * @param timeout the bound on connecting and on waiting for the answer, each
   * @return answered only when the reply is the protocol's expected one
   */
  ProbeResult probe(String host, int port, Duration timeout);
}
