package dev.hotpath.cache.internal;

/** What one cache hears on the shared invalidation channel. */
interface InvalidationListener {

  /** Another node (or this one) raised a slot to {@code version}. */
  void onRaise(int slot, long version);

  /** A message for this cache that is not a plausible slot raise (damaged or hostile). */
  void onDamagedMessage();

  /** The channel was (re)subscribed: messages may have been lost while it was not. */
  void onSubscribed();
}
