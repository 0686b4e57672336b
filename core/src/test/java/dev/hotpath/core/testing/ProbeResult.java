package dev.hotpath.core.testing;

/**
 * What one attempt to reach a test service found.
 *
 * @param answered whether the service answered in its own protocol and can be used
 * @param detail what was seen, for logs and for the message when no service is found
 */
record ProbeResult(boolean answered, String detail) {

  static ProbeResult answering(String detail) {
    return new ProbeResult(true, detail);
  }

  static ProbeResult notAnswering(String detail) {
    return new ProbeResult(false, detail);
  }
}
