package dev.hotpath.resilience;

/**
 * Supplies an answer when a guarded call fails for good: rejected or cut by a policy (the
 * failure is then a {@link CallRejectedException} whose {@link CallRejectedException#reason()}
 * says which, and whose cause is the underlying failure if any), or failed after its last
 * attempt (the failure is then the work's own exception).
 *
 * <p>Fallback values are never put in the result cache.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
@FunctionalInterface
public interface Fallback<K, V> {

  /**
   * Returns the answer to give instead of the failure, or throws to fail the call.
   *
   * @param key the call's key
   * @param failure why the call failed
   * @return the value the caller receives
   * @throws Exception to fail the call anyway (rethrowing {@code failure} is fine)
   */
  V recover(K key, Throwable failure) throws Exception;
}
