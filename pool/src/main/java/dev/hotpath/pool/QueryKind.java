package dev.hotpath.pool;

/**
 * What a statement does, read from its leading keyword (for {@code WITH ...}, from the statement
 * that follows the common table expressions).
 */
public enum QueryKind {
  /** A {@code SELECT}, including {@code WITH ... SELECT}. */
  SELECT,
  /** An {@code INSERT}. */
  INSERT,
  /** An {@code UPDATE}. */
  UPDATE,
  /** A {@code DELETE}. */
  DELETE,
  /** Anything else: DDL, {@code CALL}, {@code MERGE}, {@code VALUES}, transaction control. */
  OTHER
}
