package dev.hotpath.pool.internal;

import dev.hotpath.pool.InvalidCursorException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Writes keyset cursor values as tagged binary, signs them with HMAC-SHA256, and reads them back
 * only after the signature checks out (compared in constant time). The signed bytes start with
 * the keyset's column signature, so a cursor made for other columns fails the check too.
 */
public final class CursorCodec {

  private static final String ALGORITHM = "HmacSHA256";
  private static final int MAX_CURSOR_LENGTH = 4096;
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private final SecretKeySpec key;
  private final byte[] scope;

  /**
   * Creates a codec.
   *
   * @param secret the HMAC key
   * @param scope what the cursors belong to (the order columns and direction)
   */
  public CursorCodec(byte[] secret, String scope) {
    this.key = new SecretKeySpec(secret, ALGORITHM);
    this.scope = scope.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Encodes and signs values.
   *
   * @param values the order columns' values
   * @return {@code base64url(payload).base64url(hmac)}
   * @throws IllegalArgumentException if a value is null or of an unsupported type
   */
  public String encode(List<Object> values) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(values.size());
      for (Object value : values) {
        write(out, value);
      }
    } catch (IOException e) {
      throw new IllegalStateException("writing to memory failed", e);
    }
    byte[] payload = bytes.toByteArray();
    return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(sign(payload));
  }

  private static void write(DataOutputStream out, Object value) throws IOException {
    if (value instanceof Integer || value instanceof Long || value instanceof Short) {
      out.writeByte('J');
      out.writeLong(((Number) value).longValue());
    } else if (value instanceof String text) {
      if (text.length() > 1000) {
        throw new IllegalArgumentException("cursor text values must be at most 1000 characters, was "
            + text.length());
      }
      out.writeByte('S');
      out.writeUTF(text);
    } else if (value instanceof BigDecimal decimal) {
      out.writeByte('D');
      out.writeUTF(decimal.toString());
    } else if (value instanceof Double number) {
      out.writeByte('F');
      out.writeDouble(number);
    } else if (value instanceof UUID uuid) {
      out.writeByte('U');
      out.writeLong(uuid.getMostSignificantBits());
      out.writeLong(uuid.getLeastSignificantBits());
    } else if (value instanceof Timestamp timestamp) {
      writeInstant(out, 'T', timestamp.toInstant());
    } else if (value instanceof Instant instant) {
      writeInstant(out, 'T', instant);
    } else if (value instanceof LocalDateTime local) {
      out.writeByte('L');
      out.writeUTF(local.toString());
    } else if (value instanceof OffsetDateTime offset) {
      out.writeByte('O');
      out.writeUTF(offset.toString());
    } else {
      throw new IllegalArgumentException("cursor values must be non-null Integer, Long, Short, "
          + "String, BigDecimal, Double, UUID, Timestamp, Instant, LocalDateTime or OffsetDateTime, was "
          + (value == null ? "null" : value.getClass().getName()));
    }
  }

  private static void writeInstant(DataOutputStream out, char tag, Instant instant)
      throws IOException {
    out.writeByte(tag);
    out.writeLong(instant.getEpochSecond());
    out.writeInt(instant.getNano());
  }

  /**
   * Checks a cursor's signature, then decodes it.
   *
   * @param cursor the cursor
   * @return its values; timestamps come back as {@link Timestamp}
   * @throws InvalidCursorException if it is malformed, too long or not signed by this codec
   */
  public List<Object> decode(String cursor) {
    if (cursor.length() > MAX_CURSOR_LENGTH) {
      throw new InvalidCursorException("cursor must be at most " + MAX_CURSOR_LENGTH
          + " characters, was " + cursor.length());
    }
    int dot = cursor.indexOf('.');
    if (dot < 0 || dot != cursor.lastIndexOf('.')) {
      throw new InvalidCursorException("cursor is malformed: expected payload.signature");
    }
    byte[] payload;
    byte[] signature;
    try {
      payload = DECODER.decode(cursor.substring(0, dot));
      signature = DECODER.decode(cursor.substring(dot + 1));
    } catch (IllegalArgumentException e) {
      throw new InvalidCursorException("cursor is malformed: not base64url");
    }
    if (!MessageDigest.isEqual(sign(payload), signature)) {
      throw new InvalidCursorException(
          "cursor signature does not match: it was altered, forged, signed with another secret"
              + " or made for other order columns");
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
      int count = in.readUnsignedByte();
      List<Object> values = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        values.add(read(in));
      }
      return values;
    } catch (IOException | RuntimeException e) {
      // Only reachable with a valid signature, i.e. a cursor from an incompatible version.
      throw new InvalidCursorException("cursor content is unreadable: " + e.getClass().getSimpleName());
    }
  }

  private static Object read(DataInputStream in) throws IOException {
    int tag = in.readUnsignedByte();
    return switch (tag) {
      case 'J' -> in.readLong();
      case 'S' -> in.readUTF();
      case 'D' -> new BigDecimal(in.readUTF());
      case 'F' -> in.readDouble();
      case 'U' -> new UUID(in.readLong(), in.readLong());
      case 'T' -> Timestamp.from(Instant.ofEpochSecond(in.readLong(), in.readInt()));
      case 'L' -> LocalDateTime.parse(in.readUTF());
      case 'O' -> OffsetDateTime.parse(in.readUTF());
      default -> throw new IOException("unknown tag " + tag);
    };
  }

  private byte[] sign(byte[] payload) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      mac.update(scope);
      mac.update((byte) 0);
      return mac.doFinal(payload);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required of every JDK", e);
    }
  }
}
