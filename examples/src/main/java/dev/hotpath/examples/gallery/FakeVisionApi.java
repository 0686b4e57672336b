package dev.hotpath.examples.gallery;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-process stand-in for a paid image-labelling API: slow, and every {@code throttleEvery}-th
 * request is answered with 429 and a short {@code Retry-After}, as metered APIs do.
 *
 * <p>{@link #hold()} and {@link #release()} let the demo keep a call in flight while a burst of
 * identical requests arrives, so the de-duplication it shows does not depend on timing.
 */
public final class FakeVisionApi {

  private static final List<String> VOCABULARY =
      List.of("building", "water", "sky", "person", "tree", "vehicle", "light", "snow");

  private final Duration latency;
  private final int throttleEvery;
  private final Duration retryAfter;
  private final AtomicInteger requests = new AtomicInteger();
  private volatile CountDownLatch gate = new CountDownLatch(0);

  /**
   * Creates the fake.
   *
   * @param latency how long each answer takes
   * @param throttleEvery every how many requests one is answered with 429
   * @param retryAfter the {@code Retry-After} of a 429
   */
  public FakeVisionApi(Duration latency, int throttleEvery, Duration retryAfter) {
    this.latency = latency;
    this.throttleEvery = throttleEvery;
    this.retryAfter = retryAfter;
  }

  /**
   * Labels a photo, as an HTTP client of the real API would.
   *
   * @param photoId the photo
   * @return its labels
   * @throws VisionApiThrottledException when this request is one that gets a 429
   * @throws InterruptedException when the caller gives up (a guard's timeout interrupts)
   */
  public Labels label(long photoId) throws VisionApiThrottledException, InterruptedException {
    int request = requests.incrementAndGet();
    gate.await();
    Thread.sleep(latency.toMillis());
    if (request % throttleEvery == 0) {
      throw new VisionApiThrottledException(retryAfter);
    }
    int first = (int) (photoId % VOCABULARY.size());
    return new Labels(photoId, List.of(VOCABULARY.get(first),
        VOCABULARY.get((first + 3) % VOCABULARY.size())));
  }

  /**
   * Returns how many requests reached the API, throttled ones included.
   *
   * @return the request count
   */
  public int requests() {
    return requests.get();
  }

  /** Makes requests wait, after they are counted, until {@link #release()}. */
  public void hold() {
    gate = new CountDownLatch(1);
  }

  /** Lets held and later requests through. */
  public void release() {
    gate.countDown();
  }
}
