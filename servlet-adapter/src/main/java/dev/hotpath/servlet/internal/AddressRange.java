package dev.hotpath.servlet.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IP address or CIDR range, parsed from literals only: a host name is refused rather than
 * looked up, so neither configuration nor a forwarded header ever causes a DNS query.
 */
final class AddressRange {
  private final byte[] network;
  private final int prefixBits;

  private AddressRange(byte[] network, int prefixBits) {
    this.network = network;
    this.prefixBits = prefixBits;
  }

  /**
   * Parses {@code 10.0.0.1}, {@code 10.0.0.0/8}, {@code ::1} or {@code fd00::/8}.
   *
   * @throws IllegalArgumentException when it is neither
   */
  static AddressRange parse(String text) {
    String value = text == null ? "" : text.strip();
    int slash = value.indexOf('/');
    byte[] address = literal(slash < 0 ? value : value.substring(0, slash));
    if (address == null) {
      throw new IllegalArgumentException("trusted proxy must be an IP address or CIDR range, was " + text);
    }
    int bits = address.length * 8;
    if (slash >= 0) {
      try {
        bits = Integer.parseInt(value.substring(slash + 1));
      } catch (NumberFormatException e) {
        bits = -1;
      }
      if (bits < 0 || bits > address.length * 8) {
        throw new IllegalArgumentException("trusted proxy prefix must be 0 to "
            + address.length * 8 + " bits, was " + text);
      }
    }
    return new AddressRange(address, bits);
  }

  /** Returns whether the address literal lies in this range; false for anything else. */
  boolean contains(String address) {
    byte[] bytes = literal(address);
    if (bytes == null || bytes.length != network.length) {
      return false;
    }
    int full = prefixBits / 8;
    for (int i = 0; i < full; i++) {
      if (bytes[i] != network[i]) {
        return false;
      }
    }
    int rest = prefixBits % 8;
    if (rest == 0) {
      return true;
    }
    int mask = 0xFF << (8 - rest);
    return (bytes[full] & mask) == (network[full] & mask);
  }

  /** The bytes of an IPv4 or IPv6 literal, or null when the text is not one. */
  static byte[] literal(String text) {
    if (text == null || text.isEmpty() || text.length() > 45) {
      return null;
    }
    boolean ipv6 = text.indexOf(':') >= 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean allowed = c >= '0' && c <= '9' || c == '.'
          || ipv6 && (c == ':' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F');
      if (!allowed) {
        return null; // also keeps names (and so DNS) out of InetAddress.getByName
      }
    }
    if (!ipv6 && !text.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
      return null;
    }
    try {
      return InetAddress.getByName(text).getAddress();
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
