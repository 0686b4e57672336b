package dev.hotpath.servlet;

import dev.hotpath.core.SingleFlight;
import dev.hotpath.servlet.internal.OncePerRequest;
import dev.hotpath.servlet.internal.GetOrHead;
import dev.hotpath.servlet.internal.BodyBuffer;
import dev.hotpath.servlet.internal.BufferingResponse;
import dev.hotpath.servlet.internal.CapturedResponse;
import dev.hotpath.servlet.internal.DedupKey;
import dev.hotpath.servlet.internal.StreamOnAsyncRequest;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Lets concurrent identical safe requests share one execution: while a {@code GET} or
 * {@code HEAD} runs, an equal request waits for it and gets a copy of its response (status,
 * headers the chain set, body) instead of running the application again.
 *
 * <p>Requests are equal when method, the effective request URI (scheme, host, port, path,
 * query) and every value of every key header, in order, are equal.
 * The key headers are the identity headers {@code Authorization} and {@code Cookie} plus those
 * given to {@link Builder#identityHeaders(List)}, and the headers that change the response of
 * the filters inside this one or of content negotiation ({@code Accept}, {@code Accept-Encoding},
 * {@code Accept-Language}, {@code If-Match}, {@code If-None-Match}, {@code If-Modified-Since},
 * {@code If-Range}, {@code Range}).
 * So a response is never handed to a client whose identity differs.
 *
 * <p>Only finished responses up to {@link Builder#maxBodyBytes(int)} are shared. When the body
 * is larger or streamed, sets a cookie, goes async, is an error page or redirect, or the
 * execution throws, each waiter runs its own request instead. The first request is never
 * delayed by the others; its response is buffered up to the bound, like {@link EtagFilter}, and
 * copied for sharing only when another request that may wait for it is inside the filter (a
 * request arriving after that moment runs its own), so a request nobody waits for costs no copy.
 *
 * <p>Thread-safe; one instance serves all requests. Nothing is kept after a response is done.
 */
public final class DedupFilter extends HttpFilter {
  private static final List<String> NEGOTIATION_HEADERS = List.of("Accept", "Accept-Encoding",
      "Accept-Language", "If-Match", "If-None-Match", "If-Modified-Since", "If-Range", "Range");
  private static final Object NOT_SHARED = new Object();
  /** Stripes of key hashes counting the requests inside; a power of two. */
  private static final int STRIPES = 64;

  private final transient int maxBodyBytes;
  private final transient List<String> keyHeaders;
  private final transient SingleFlight<DedupKey, Object> flights = new SingleFlight<>();
  private final transient AtomicInteger inFlight = new AtomicInteger();
  private final transient AtomicLong sharedResponses = new AtomicLong();
  // A request waits on a key only while it is inside: when the leader is alone in its stripe,
  // nobody can be waiting for it, and copying its body would cost an array of its size for
  // nothing. A request from another key in the stripe only makes the leader copy needlessly.
  private final transient AtomicIntegerArray insideByStripe = new AtomicIntegerArray(STRIPES);

  private DedupFilter(Builder builder) {
    this.maxBodyBytes = builder.maxBodyBytes;
    List<String> headers = new ArrayList<>(List.of("Authorization", "Cookie"));
    headers.addAll(builder.identityHeaders);
    headers.addAll(NEGOTIATION_HEADERS);
    this.keyHeaders = List.copyOf(headers);
  }

  /**
   * Creates a filter with the default options.
   *
   * @return a new filter
   */
  public static DedupFilter create() {
    return builder().build();
  }

  /**
   * Starts a builder.
   *
   * @return a builder with the default options
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns how many requests are inside this filter right now, executing or waiting.
   *
   * @return the number of requests in flight
   */
  public int inFlight() {
    return inFlight.get();
  }

  /**
   * Returns how many responses were copied to be shared with waiting requests.
   *
   * @return the number of copied responses since the filter was created
   */
  public long sharedResponses() {
    return sharedResponses.get();
  }

  @Override
  protected void doFilter(HttpServletRequest http, HttpServletResponse httpResponse,
      FilterChain chain) throws IOException, ServletException {
    if (OncePerRequest.passedOn(http, httpResponse, chain, OncePerRequest.DEDUP)
        || GetOrHead.passedOnIfNeither(http, httpResponse, chain)) {
      return;
    }
    DedupKey key = key(http);
    int stripe = stripe(key);
    Execution execution = new Execution(http, httpResponse, chain, stripe);
    Object outcome;
    inFlight.incrementAndGet();
    insideByStripe.incrementAndGet(stripe);
    try {
      outcome = flights.call(key, execution);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      outcome = NOT_SHARED;
    } catch (IOException | ServletException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new ServletException(e);
    } finally {
      insideByStripe.decrementAndGet(stripe);
      inFlight.decrementAndGet();
    }
    if (execution.ran) {
      execution.completeOwnResponse();
    } else if (outcome instanceof CapturedResponse captured) {
      captured.replay(httpResponse);
    } else {
      chain.doFilter(http, httpResponse);
    }
  }

  /** The method, the full effective request URI and every value of every key header. */
  private DedupKey key(HttpServletRequest request) {
    return DedupKey.of(request.getMethod(), request, keyHeaders);
  }

  private static int stripe(DedupKey key) {
    int hash = key.hashCode();
    return (hash ^ (hash >>> 16)) & (STRIPES - 1);
  }

  /** The work of the first request of a flight; waiters only read its return value. */
  private final class Execution implements Callable<Object> {
    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final FilterChain chain;
    private final int stripe;
    private boolean ran;
    private Exception failure;
    private BufferingResponse buffered;

    Execution(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
        int stripe) {
      this.request = request;
      this.response = response;
      this.chain = chain;
      this.stripe = stripe;
    }

    @Override
    public Object call() throws IOException {
      ran = true;
      Map<String, List<String>> before = CapturedResponse.headersOf(response);
      buffered = new BufferingResponse(response, maxBodyBytes);
      try {
        chain.doFilter(StreamOnAsyncRequest.of(request, buffered), buffered);
      } catch (IOException | ServletException | RuntimeException e) {
        // Waiters run their own request rather than share this failure.
        failure = e;
        return NOT_SHARED;
      }
      if (request.isAsyncStarted()) {
        buffered.stream();
        return NOT_SHARED;
      }
      BodyBuffer body = buffered.body(); // drains the writer, which may push the body over the bound
      if (!buffered.isBuffering()) {
        return NOT_SHARED;
      }
      if (insideByStripe.get(stripe) < 2) {
        // Alone: no copy. One that joins from now on gets NOT_SHARED and runs its own request.
        return NOT_SHARED;
      }
      CapturedResponse captured = CapturedResponse.capture(buffered, before,
          body == null ? new byte[0] : body.array(), body == null ? 0 : body.size());
      if (captured == null) {
        return NOT_SHARED;
      }
      sharedResponses.incrementAndGet();
      return captured;
    }

    void completeOwnResponse() throws IOException, ServletException {
      try {
        if (failure instanceof IOException e) {
          throw e;
        } else if (failure instanceof ServletException e) {
          throw e;
        } else if (failure instanceof RuntimeException e) {
          throw e;
        }
        buffered.commitBody();
      } finally {
        buffered.releaseBuffer();
      }
    }
  }

  /** Options of {@link DedupFilter}; each setter validates at once. */
  public static final class Builder {
    private int maxBodyBytes = 256 * 1024;
    private List<String> identityHeaders = List.of();

    private Builder() {}

    /**
     * Sets the largest body shared with waiting requests; larger responses stream to the first
     * client and the waiters run their own. Default 256 KiB.
     *
     * @param bytes the bound, at least 1
     * @return this builder
     * @throws IllegalArgumentException when {@code bytes} is less than 1
     */
    public Builder maxBodyBytes(int bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("maxBodyBytes must be at least 1, was " + bytes);
      }
      this.maxBodyBytes = bytes;
      return this;
    }

    /**
     * Adds request headers that identify the client (an API key, a tenant header), on top of
     * {@code Authorization} and {@code Cookie}. Requests whose values differ never share.
     *
     * @param headers header names
     * @return this builder
     * @throws IllegalArgumentException when a name is null, blank or contains a space or colon
     */
    public Builder identityHeaders(List<String> headers) {
      this.identityHeaders = DedupKey.identityHeaderNames(headers);
      return this;
    }

    /**
     * Builds the filter.
     *
     * @return a new filter with these options
     */
    public DedupFilter build() {
      return new DedupFilter(this);
    }
  }
}
