package dev.hotpath.examples.proof;

import dev.hotpath.examples.gallery.Labels;
import dev.hotpath.examples.gallery.VisionApiThrottledException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in for a paid labelling API as the proof needs it: every call takes a fixed latency
 * (plus a little per image of a bulk call), the account allows a few calls at a time (more wait
 * their turn), and every {@code throttleEvery}-th call is answered with 429 and a
 * {@code Retry-After}. {@link #labelAll} labels many images in one call, as such APIs offer.
 */
public final class SlowVisionApi {

  private static final List<String> VOCABULARY = List.of("building", "water", "sky", "person",
      "tree", "vehicle", "light", "snow", "animal", "food", "text", "night");

  private final Duration latency;
  private final Duration perImage;
  private final Semaphore concurrency;
  private final int throttleEvery;
  private final Duration retryAfter;
  private final AtomicLong calls = new AtomicLong();
  private final AtomicLong images = new AtomicLong();

  /**
   * Creates the fake.
   *
   * @param latency how long a call takes
   * @param perImage what each image of a bulk call adds
   * @param concurrentCalls how many calls the account may have in flight
   * @param throttleEvery every how many calls one gets a 429
   * @param retryAfter the 429's {@code Retry-After}
   */
  public SlowVisionApi(Duration latency, Duration perImage, int concurrentCalls, int throttleEvery,
      Duration retryAfter) {
    this.latency = latency;
    this.perImage = perImage;
    this.concurrency = new Semaphore(concurrentCalls, true);
    this.throttleEvery = throttleEvery;
    this.retryAfter = retryAfter;
  }

  /**
   * The proof's API: 120 ms a call, 1 ms per extra image, 4 calls in flight, every 10th a 429
   * with {@code Retry-After: 50 ms}.
   *
   * @return the fake
   */
  public static SlowVisionApi standard() {
    return new SlowVisionApi(Duration.ofMillis(120), Duration.ofMillis(1), 4, 10,
        Duration.ofMillis(50));
  }

  /**
   * Labels one image.
   *
   * @param photoId the photo
   * @return its labels
   * @throws VisionApiThrottledException on a 429
   * @throws InterruptedException when the caller gives up
   */
  public Labels label(long photoId) throws VisionApiThrottledException, InterruptedException {
    return labelAll(List.of(photoId)).get(0);
  }

  /**
   * Labels many images in one call.
   *
   * @param photoIds the photos, at least one
   * @return their labels, in order
   * @throws VisionApiThrottledException on a 429 (for the whole call)
   * @throws InterruptedException when the caller gives up
   */
  public List<Labels> labelAll(List<Long> photoIds)
      throws VisionApiThrottledException, InterruptedException {
    concurrency.acquire();
    try {
      long call = calls.incrementAndGet();
      images.addAndGet(photoIds.size());
      Thread.sleep(latency.toMillis() + perImage.toMillis() * (photoIds.size() - 1));
      if (call % throttleEvery == 0) {
        throw new VisionApiThrottledException(retryAfter);
      }
    } finally {
      concurrency.release();
    }
    List<Labels> labels = new ArrayList<>(photoIds.size());
    for (long id : photoIds) {
      int first = (int) (id % VOCABULARY.size());
      labels.add(new Labels(id, List.of(VOCABULARY.get(first),
          VOCABULARY.get((first + 5) % VOCABULARY.size()))));
    }
    return labels;
  }

  /**
   * Returns how many calls reached the API, throttled ones included.
   *
   * @return the call count
   */
  public long calls() {
    return calls.get();
  }

  /**
   * Returns how many images the calls carried.
   *
   * @return the image count
   */
  public long images() {
    return images.get();
  }
}
