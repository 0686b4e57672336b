package dev.hotpath.cache.internal;

/** What one cache hears on the shared invalidation channel. */
interface InvalidationListener {

  /** Another node (or this one) raised a slot to {@code version}. */
  void onRaise(int slot, long version);

  /** A message for this cache that is not a plausible slot raise (damaged or hostile). */
  void onDamagedMessage();

  /**
   * This tier has not heard its own heartbeat for the heartbeat timeout: messages may be going
   * unheard, so memory must not be trusted until {@link #onHeardAgain()}.
   */
  void onDeaf();

  /** The heartbeat is heard again after {@link #onDeaf()}: resynchronise and trust memory again. */
  void onHeardAgain();

  /**
   * Redis answered a call of this tier (a heartbeat): whatever the cache owes Redis since it was
   * unreachable (an invalidation it could only apply locally) can be sent now. Must not block.
   */
  void onRedisAnswered();

  /** The channel was (re)subscribed: messages may have been lost while it was not. */
  void onSubscribed();
}
