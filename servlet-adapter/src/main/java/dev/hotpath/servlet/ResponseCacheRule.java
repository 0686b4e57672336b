package dev.hotpath.servlet;

import dev.hotpath.core.Check;
import java.time.Duration;
import java.util.List;

/**
 * How {@link ResponseCacheFilter} caches one route: for how long, how long stale after that, by
 * which tags it is dropped, and whether identities may share it. Immutable; each method returns
 * a new rule.
 *
 * <pre>{@code
 * ResponseCacheRule.ttl(Duration.ofMinutes(5))
 *     .staleWhileRevalidate(Duration.ofSeconds(30))
 *     .pathTemplate("/api/albums/{id}")
 *     .tags("album:{id}", "albums")
 * }</pre>
 */
public final class ResponseCacheRule {
  private final Duration ttl;
  private final Duration staleWhileRevalidate;
  private final List<String> tags;
  private final String pathTemplate;
  private final boolean shared;

  private ResponseCacheRule(Duration ttl, Duration staleWhileRevalidate, List<String> tags,
      String pathTemplate, boolean shared) {
    this.ttl = ttl;
    this.staleWhileRevalidate = staleWhileRevalidate;
    this.tags = tags;
    this.pathTemplate = pathTemplate;
    this.shared = shared;
  }

  /**
   * A rule that keeps responses fresh for {@code ttl} (shortened by the response's own
   * {@code max-age}), per identity, with no stale window and no tags.
   *
   * @param ttl the freshness lifetime, positive
   * @return the rule
   * @throws NullPointerException when {@code ttl} is null
   * @throws IllegalArgumentException when {@code ttl} is zero or negative
   */
  public static ResponseCacheRule ttl(Duration ttl) {
    Check.positive(ttl, "ttl");
    return new ResponseCacheRule(ttl, Duration.ZERO, List.of(), null, false);
  }

  /**
   * Lets a response be served for this long after it went stale, while one request refreshes it.
   *
   * @param window the stale window, zero or positive
   * @return a new rule
   * @throws NullPointerException when {@code window} is null
   * @throws IllegalArgumentException when {@code window} is negative
   */
  public ResponseCacheRule staleWhileRevalidate(Duration window) {
    Check.notNegative(window, "window");
    return new ResponseCacheRule(ttl, window, tags, pathTemplate, shared);
  }

  /**
   * Tags each stored response, so {@link ResponseCacheFilter#invalidateTag} drops it. A tag may
   * name path variables of the {@link #pathTemplate}: {@code album:{id}}.
   *
   * @param templates tag templates
   * @return a new rule
   * @throws NullPointerException when a template is null
   * @throws IllegalArgumentException when a template is blank
   */
  public ResponseCacheRule tags(String... templates) {
    Check.notNull(templates, "templates");
    for (String template : templates) {
      Check.notBlank(template, "tag template");
    }
    return new ResponseCacheRule(ttl, staleWhileRevalidate, List.of(templates), pathTemplate, shared);
  }

  /**
   * The path, within the context, that tag variables are read from, e.g.
   * {@code /api/albums/{id}}. Without it, the route's own template is used when it has variables
   * (a framework route such as {@code GET /albums/{id}}). A request whose path does not match is
   * not cached, so no page is kept that an invalidation could not reach.
   *
   * @param template the template
   * @return a new rule
   * @throws NullPointerException when null
   * @throws IllegalArgumentException when it does not start with {@code /}
   */
  public ResponseCacheRule pathTemplate(String template) {
    Check.notNull(template, "template");
    Check.argument(template.startsWith("/"), "path template must start with '/', was %s", template);
    return new ResponseCacheRule(ttl, staleWhileRevalidate, tags, template, shared);
  }

  /**
   * Makes the route public: one stored response serves every identity ({@code Authorization},
   * {@code Cookie} and the configured identity headers are left out of the key). A response
   * marked {@code Cache-Control: private} is then not stored at all.
   *
   * @return a new rule
   */
  public ResponseCacheRule shared() {
    return new ResponseCacheRule(ttl, staleWhileRevalidate, tags, pathTemplate, true);
  }

  /** @return the freshness lifetime */
  public Duration ttl() {
    return ttl;
  }

  /** @return the stale window, zero for none */
  public Duration staleWhileRevalidateWindow() {
    return staleWhileRevalidate;
  }

  /** @return the tag templates */
  public List<String> tagTemplates() {
    return tags;
  }

  /** @return the path template, or null */
  public String pathTemplateOrNull() {
    return pathTemplate;
  }

  /** @return whether identities share responses */
  public boolean isShared() {
    return shared;
  }

  @Override
  public String toString() {
    return "ResponseCacheRule[ttl=" + ttl + ", swr=" + staleWhileRevalidate + ", tags=" + tags
        + ", path=" + pathTemplate + ", shared=" + shared + "]";
  }
}
