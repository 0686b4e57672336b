package dev.hotpath.spring.boot.internal;

/**
 * Whether the current caller may read monitoring details; free of servlet types, so the health
 * contributor can ask it in applications without a servlet container.
 */
@FunctionalInterface
public interface DetailsGate {
  /** @return true when the caller may read details */
  boolean detailsAllowed();
}
