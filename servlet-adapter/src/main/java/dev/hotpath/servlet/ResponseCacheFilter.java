package dev.hotpath.servlet;

import dev.hotpath.core.Check;
import dev.hotpath.core.ServerTiming;
import dev.hotpath.metrics.LatencyRegistry;
import dev.hotpath.servlet.internal.BodyBuffer;
import dev.hotpath.servlet.internal.BufferingResponse;
import dev.hotpath.servlet.internal.CapturedResponse;
import dev.hotpath.servlet.internal.CacheableResponse;
import dev.hotpath.servlet.internal.DedupKey;
import dev.hotpath.servlet.internal.EntityTags;
import dev.hotpath.servlet.internal.GzipResponse;
import dev.hotpath.servlet.internal.GzipTagRequest;
import dev.hotpath.servlet.internal.HiddenHeadersRequest;
import dev.hotpath.servlet.internal.OncePerRequest;
import dev.hotpath.servlet.internal.ResponseCacheRoute;
import dev.hotpath.servlet.internal.StreamOnAsyncRequest;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Caches whole {@code GET} responses of the routes it has rules for, in a {@link ResponseStore}
 * (in memory by default; a {@code TieredCache} to share them between nodes), and answers
 * {@code GET} and {@code HEAD} from it.
 *
 * <ul>
 *   <li><b>Key</b>: the route, the full effective request URI, {@code Accept},
 *       {@code Accept-Encoding}, {@code Accept-Language} and, unless the rule is
 *       {@link ResponseCacheRule#shared()}, every value of the identity headers
 *       ({@code Authorization}, {@code Cookie}, and {@link Builder#identityHeaders}): built by the
 *       same code as {@link DedupFilter}'s key, stored as its SHA-256, so a response never
 *       reaches another identity unless the rule says the route is public.
 *   <li><b>What is stored</b>: 200 responses up to {@link Builder#maxBodyBytes} that set no cookie,
 *       whose {@code Cache-Control} has no {@code no-store} (nor {@code private} on a shared
 *       route), and whose {@code Vary} is not {@code *}. Freshness is the rule's ttl, shortened by
 *       the response's {@code s-maxage} (shared routes) or {@code max-age}; {@code no-cache} does
 *       not stop storing (this cache is the origin's own: clients still revalidate, and are
 *       answered from here). Headers named by {@code Vary} must match the request that stored it.
 *   <li><b>Conditional requests</b>: {@code If-None-Match} (weak comparison), else
 *       {@code If-Modified-Since}, are answered from the stored {@code ETag}/{@code Last-Modified}
 *       with a 304, on hits and misses alike. Requests with {@code Range}, {@code If-Range} or
 *       {@code If-Match} pass through uncached.
 *   <li><b>Stale while revalidate</b>: in the rule's stale window, the first request refreshes
 *       the entry (runs the application) and every other one gets the stale response meanwhile.
 *   <li><b>Tags</b>: from the rule, filled from path variables; {@link #invalidateTag} drops them
 *       through the store (on every node for a shared one).
 * </ul>
 *
 * <p>Each answer adds a {@code Server-Timing} entry {@code response-cache} with description
 * {@code hit}, {@code stale}, {@code refresh} or {@code miss}, and, with
 * {@link Builder#metrics}, the lookup time to {@code hotpath.http.response_cache{route, result}}.
 * Place it outside {@link DedupFilter} and the compression and ETag filters (as
 * {@link Hotpath#install} does), so it stores their finished output.
 */
public final class ResponseCacheFilter extends HttpFilter {
  private static final List<String> NEGOTIATION = List.of("Accept", "Accept-Encoding", "Accept-Language");

  private final transient Map<String, ResponseCacheRoute> rules;
  private final transient ResponseStore store;
  private final transient RouteResolver routes;
  private final transient Clock clock;
  private final transient int maxBodyBytes;
  private final transient LatencyRegistry metrics;
  private final transient Set<String> refreshing = ConcurrentHashMap.newKeySet();

  private ResponseCacheFilter(Builder builder) {
    List<String> identity = new ArrayList<>(List.of("Authorization", "Cookie"));
    identity.addAll(builder.identityHeaders);
    Map<String, ResponseCacheRoute> compiled = new HashMap<>();
    builder.rules.forEach((route, rule) -> {
      List<String> keyHeaders = new ArrayList<>(rule.isShared() ? List.of() : identity);
      keyHeaders.addAll(NEGOTIATION);
      compiled.put(route, new ResponseCacheRoute(route, rule, keyHeaders));
    });
    this.rules = Map.copyOf(compiled);
    this.store = builder.store == null ? ResponseStore.inMemory(10_000) : builder.store;
    this.routes = builder.routes;
    this.clock = builder.clock;
    this.maxBodyBytes = builder.maxBodyBytes;
    this.metrics = builder.metrics;
  }

  /**
   * Starts a builder.
   *
   * @return a builder with no rules and an in-memory store of 10,000 responses
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Drops every stored response tagged {@code tag}, through the store (so on every node when
   * the store is shared).
   *
   * @param tag the tag, e.g. {@code album:42}
   */
  public void invalidateTag(String tag) {
    store.invalidateTag(tag);
  }

  @Override
  protected void doFilter(HttpServletRequest request, HttpServletResponse response,
      FilterChain chain) throws IOException, ServletException {
    if (OncePerRequest.passedOn(request, response, chain, OncePerRequest.RESPONSE_CACHE)) {
      return;
    }
    ResponseCacheRoute route = routeOf(request);
    Set<String> tags = route == null ? null : route.tags(request);
    if (tags == null) {
      chain.doFilter(request, response);
      return;
    }
    long start = System.nanoTime();
    String key = DedupKey.of(route.name(), request, route.keyHeaders()).digest();
    long now = clock.millis();
    CachedResponse entry = lookup(key, request);
    if (entry != null && now < entry.freshUntilMillis()) {
      serve(route, entry, request, response, now, "hit", start);
    } else if (entry != null && now < entry.staleUntilMillis() && !refreshing.add(key)) {
      serve(route, entry, request, response, now, "stale", start);
    } else if (entry != null && now < entry.staleUntilMillis()) {
      try {
        render(route, key, tags, request, response, chain, "refresh", start);
      } finally {
        refreshing.remove(key);
      }
    } else {
      render(route, key, tags, request, response, chain, "miss", start);
    }
  }

  /** The rule of a cacheable request (GET or HEAD, no range or If-Match), or null. */
  private ResponseCacheRoute routeOf(HttpServletRequest request) {
    String method = request.getMethod();
    boolean head = "HEAD".equals(method);
    if (!head && !"GET".equals(method) || request.getHeader("Range") != null
        || request.getHeader("If-Range") != null || request.getHeader("If-Match") != null) {
      return null;
    }
    String route = routes.route(request);
    if (route == null) {
      return null;
    }
    // HEAD is answered from what GET stored (RFC 9110 section 9.3.2).
    return rules.get(head ? "GET" + route.substring(route.indexOf(' ')) : route);
  }

  private CachedResponse lookup(String key, HttpServletRequest request) {
    CachedResponse entry;
    try {
      entry = store.get(key);
    } catch (RuntimeException e) {
      return null; // a failing store is a miss: the application still answers
    }
    if (entry != null && !entry.varyHeaders().isEmpty()
        && !CacheableResponse.varyDigest(request, entry.varyHeaders()).equals(entry.varyDigest())) {
      return null;
    }
    return entry;
  }

  private void serve(ResponseCacheRoute route, CachedResponse entry, HttpServletRequest request,
      HttpServletResponse response, long now, String result, long start) throws IOException {
    timed(route, result, start);
    response.setHeader("Age", Long.toString(Math.max(0, (now - entry.storedAtMillis()) / 1000)));
    String etag = entry.header("ETag");
    String outgoing = etag == null ? null
        : GzipResponse.representationTag(response, etag, entry.body().length, entry.contentType());
    if (notModified(request, entry.status(), outgoing, entry.header("Last-Modified"))) {
      response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
      if (outgoing != null) {
        response.setHeader("ETag", outgoing);
      }
      for (String name : List.of("Cache-Control", "Vary", "Last-Modified", "Expires")) {
        for (List<String> header : entry.headers()) {
          if (header.get(0).equalsIgnoreCase(name)) {
            header.subList(1, header.size()).forEach(value -> response.addHeader(name, value));
          }
        }
      }
      return;
    }
    CapturedResponse.replay(response, entry.status(), entry.contentType(), entry.headers(), entry.body());
  }

  /** Runs the application with the validators hidden, stores what it rendered, then answers. */
  private void render(ResponseCacheRoute route, String key, Set<String> tags,
      HttpServletRequest request, HttpServletResponse response, FilterChain chain, String result,
      long start) throws IOException, ServletException {
    timed(route, result, start);
    if ("HEAD".equals(request.getMethod())) {
      chain.doFilter(request, response); // a HEAD response has no body to store
      return;
    }
    Map<String, List<String>> before = CapturedResponse.headersOf(response);
    BufferingResponse buffered = new BufferingResponse(response, maxBodyBytes);
    try {
      // The full 200 is what gets stored; this filter answers the validators itself.
      chain.doFilter(StreamOnAsyncRequest.of(
          new HiddenHeadersRequest(request, "If-None-Match", "If-Modified-Since"), buffered), buffered);
      if (request.isAsyncStarted()) {
        buffered.stream();
        return;
      }
      BodyBuffer body = buffered.body();
      if (!buffered.isBuffering()) {
        return; // larger than maxBodyBytes: it streamed and is not stored
      }
      CachedResponse stored = CacheableResponse.capture(route, request, buffered, before,
          body, clock.millis());
      if (stored != null) {
        try {
          store.put(key, stored, tags);
        } catch (RuntimeException e) {
          // a failing store only costs the next request a render
        }
      }
      String etag = buffered.getHeader("ETag");
      String outgoing = etag == null || buffered.getStatus() != HttpServletResponse.SC_OK ? etag
          : GzipResponse.representationTag(response, etag, body == null ? 0 : body.size());
      if (notModified(request, buffered.getStatus(), outgoing, buffered.getHeader("Last-Modified"))) {
        buffered.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
        buffered.setHeader("ETag", outgoing);
        buffered.discardBody();
      } else {
        buffered.commitBody();
      }
    } finally {
      buffered.releaseBuffer();
    }
  }

  private static boolean notModified(HttpServletRequest request, int status, String etag,
      String lastModified) {
    if (status != HttpServletResponse.SC_OK) {
      return false;
    }
    // Tags are compared as the client sent them: a CompressionFilter outside took the gzip
    // suffix off, and the outgoing tag has it back when the body goes out compressed.
    HttpServletRequest sent = GzipTagRequest.original(request);
    if (sent.getHeader("If-None-Match") != null) {
      return etag != null && EntityTags.noneMatchFails(sent, etag);
    }
    return lastModified != null && CacheableResponse.notModifiedSince(
        request.getHeader("If-Modified-Since"), lastModified);
  }

  private void timed(ResponseCacheRoute route, String result, long start) {
    long nanos = System.nanoTime() - start;
    ServerTiming.current().ifPresent(timing ->
        timing.add("response-cache", Duration.ofNanos(nanos), result));
    if (metrics != null) {
      metrics.record(route.metric(result), nanos);
    }
  }

  /** Options of {@link ResponseCacheFilter}; each call validates at once. */
  public static final class Builder {
    private final Map<String, ResponseCacheRule> rules = new HashMap<>();
    private ResponseStore store;
    private RouteResolver routes = RouteResolver.servletMapping();
    private List<String> identityHeaders = List.of();
    private Clock clock = Clock.systemUTC();
    private int maxBodyBytes = 256 * 1024;
    private LatencyRegistry metrics;

    private Builder() {}

    /**
     * Caches a route, as the route resolver names it ({@code GET /api/albums/*}).
     *
     * @param route the route name, a GET route
     * @param rule how to cache it
     * @return this builder
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when the route is not a GET route or has a rule already,
     *     or a tag names a variable the path template has not
     */
    public Builder rule(String route, ResponseCacheRule rule) {
      Check.notNull(route, "route");
      Check.notNull(rule, "rule");
      Check.argument(route.startsWith("GET /"), "a response cache rule needs a GET route, was %s", route);
      Check.argument(!rules.containsKey(route), "route %s already has a response cache rule", route);
      ResponseCacheRoute.check(route, rule);
      rules.put(route, rule);
      return this;
    }

    /**
     * Keeps responses in this store instead of an in-memory one.
     *
     * @param store the store
     * @return this builder
     * @throws NullPointerException when null
     */
    public Builder store(ResponseStore store) {
      this.store = Check.notNull(store, "store");
      return this;
    }

    /**
     * Names routes with this resolver (run before the chain) instead of
     * {@link RouteResolver#servletMapping()}.
     *
     * @param resolver the resolver
     * @return this builder
     * @throws NullPointerException when null
     */
    public Builder routes(RouteResolver resolver) {
      this.routes = Check.notNull(resolver, "resolver");
      return this;
    }

    /**
     * Adds request headers that identify the client, on top of {@code Authorization} and
     * {@code Cookie}: responses of routes that are not shared are kept apart by their values.
     *
     * @param headers header names
     * @return this builder
     * @throws NullPointerException when the list is null
     * @throws IllegalArgumentException when a name is null, blank or has a space or colon
     */
    public Builder identityHeaders(List<String> headers) {
      Check.notNull(headers, "headers");
      this.identityHeaders = DedupKey.identityHeaderNames(headers);
      return this;
    }

    /**
     * Sets the largest body stored; larger responses stream through. Default 256 KiB.
     *
     * @param bytes the bound, at least 1
     * @return this builder
     * @throws IllegalArgumentException when less than 1
     */
    public Builder maxBodyBytes(int bytes) {
      this.maxBodyBytes = Check.atLeast(bytes, 1, "maxBodyBytes");
      return this;
    }

    /**
     * Records each lookup's time, tagged with route and result, into this registry.
     *
     * @param registry the registry
     * @return this builder
     * @throws NullPointerException when null
     */
    public Builder metrics(LatencyRegistry registry) {
      this.metrics = Check.notNull(registry, "registry");
      return this;
    }

    /**
     * Reads time from this clock (wall-clock, since entries may be shared between nodes).
     *
     * @param clock the clock
     * @return this builder
     * @throws NullPointerException when null
     */
    public Builder clock(Clock clock) {
      this.clock = Check.notNull(clock, "clock");
      return this;
    }

    /**
     * Builds the filter.
     *
     * @return a new filter with these options
     */
    public ResponseCacheFilter build() {
      return new ResponseCacheFilter(this);
    }
  }
}
