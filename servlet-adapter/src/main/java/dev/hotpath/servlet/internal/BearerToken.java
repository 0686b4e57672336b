package dev.hotpath.servlet.internal;

import dev.hotpath.core.Check;
import dev.hotpath.servlet.MonitoringAccess;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * {@link MonitoringAccess#bearerToken}: compares SHA-256 digests with
 * {@link MessageDigest#isEqual}, so neither the sent token's content nor its length changes how
 * long the comparison takes. Only the digest of the token is kept.
 */
public final class BearerToken implements MonitoringAccess {
  private static final int MIN_LENGTH = 16;
  private static final String SCHEME = "Bearer ";

  private final byte[] digest;

  /**
   * Creates the rule.
   *
   * @param token the secret
   * @throws IllegalArgumentException when the token is too short or has whitespace
   */
  public BearerToken(String token) {
    Check.notNull(token, "token");
    if (token.length() < MIN_LENGTH) {
      throw new IllegalArgumentException("monitoring bearer token must have at least "
          + MIN_LENGTH + " characters, had " + token.length());
    }
    for (int i = 0; i < token.length(); i++) {
      if (Character.isWhitespace(token.charAt(i))) {
        throw new IllegalArgumentException("monitoring bearer token must not contain whitespace");
      }
    }
    this.digest = sha256(token);
  }

  @Override
  public Decision decide(HttpServletRequest request) {
    String authorization = request.getHeader("Authorization");
    if (authorization == null
        || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
      return Decision.UNAUTHENTICATED;
    }
    String sent = authorization.substring(SCHEME.length()).strip();
    return MessageDigest.isEqual(digest, sha256(sent))
        ? Decision.ALLOWED : Decision.UNAUTHENTICATED;
  }

  @Override
  public String toString() {
    return "bearer token (hidden)";
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
