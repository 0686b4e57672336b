package dev.hotpath.servlet;

import dev.hotpath.servlet.internal.OncePerRequest;
import dev.hotpath.servlet.internal.NoStoreOnErrorResponse;
import dev.hotpath.servlet.internal.GetOrHead;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Sets {@code Cache-Control} on {@code GET} and {@code HEAD} responses by path pattern. Rules
 * are tried in the order added; the first match wins; unmatched paths get no header. Patterns
 * follow servlet mappings, on the path inside the context: exact ({@code /about}), prefix
 * ({@code /static/*}) or extension ({@code *.css}).
 *
 * <p>The header is set before the application runs, so the application's own
 * {@code Cache-Control} wins. Requests with an {@code Authorization} header get
 * {@code no-store} instead of the rule (turn off with {@link Builder#noStoreWhenAuthenticated(boolean)}),
 * so a shared cache never keeps one user's response. When the response turns out to be an error
 * (status 400 or more set with {@code setStatus} or {@code sendError}, or an exception thrown
 * through the filter), a rule's header is replaced by {@code no-store} before it can leave, so
 * a one-year rule never makes a shared cache keep a 404 or a 500.
 *
 * <p>Thread-safe; one instance serves all requests.
 */
public final class CacheControlFilter extends HttpFilter {
  private final transient List<Rule> rules;
  private final transient boolean noStoreWhenAuthenticated;

  private record Rule(String pattern, CachePolicy policy) {
    boolean matches(String path) {
      if (pattern.endsWith("/*")) {
        int prefix = pattern.length() - 2;
        return path.startsWith(pattern.substring(0, prefix))
            && (path.length() == prefix || path.charAt(prefix) == '/');
      }
      if (pattern.startsWith("*.")) {
        return path.endsWith(pattern.substring(1));
      }
      return path.equals(pattern);
    }
  }

  private CacheControlFilter(Builder builder) {
    this.rules = List.copyOf(builder.rules);
    this.noStoreWhenAuthenticated = builder.noStoreWhenAuthenticated;
  }

  /**
   * Starts a builder.
   *
   * @return a builder with no rules
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  protected void doFilter(HttpServletRequest http, HttpServletResponse httpResponse,
      FilterChain chain) throws IOException, ServletException {
    if (OncePerRequest.passedOn(http, httpResponse, chain, OncePerRequest.CACHE_CONTROL)
        || GetOrHead.passedOnIfNeither(http, httpResponse, chain)) {
      return;
    }
    String value = null;
    if (noStoreWhenAuthenticated && http.getHeader("Authorization") != null) {
      value = "no-store";
    } else {
      String path = http.getRequestURI().substring(http.getContextPath().length());
      for (Rule rule : rules) {
        if (rule.matches(path)) {
          value = rule.policy.headerValue();
          break;
        }
      }
    }
    if (value == null) {
      chain.doFilter(http, httpResponse);
      return;
    }
    httpResponse.setHeader("Cache-Control", value);
    NoStoreOnErrorResponse response = new NoStoreOnErrorResponse(httpResponse, value);
    try {
      chain.doFilter(http, response);
    } catch (Throwable failure) {
      // The container turns this into a 500 and may keep the headers set so far (Tomcat does).
      response.replaceRuleValue();
      throw failure;
    }
    if (httpResponse.getStatus() >= HttpServletResponse.SC_BAD_REQUEST) {
      response.replaceRuleValue();
    }
  }

  /** Rules and options of {@link CacheControlFilter}; each call validates at once. */
  public static final class Builder {
    private final List<Rule> rules = new ArrayList<>();
    private boolean noStoreWhenAuthenticated = true;

    private Builder() {}

    /**
     * Adds a rule; earlier rules win.
     *
     * @param pattern {@code /exact}, {@code /prefix/*} or {@code *.ext}
     * @param policy the header for matching responses
     * @return this builder
     * @throws IllegalArgumentException when the pattern is malformed or the policy null
     */
    public Builder rule(String pattern, CachePolicy policy) {
      boolean valid = pattern != null && !pattern.isEmpty()
          && ((pattern.startsWith("/") && pattern.indexOf('*') == pattern.lastIndexOf('*')
                  && (pattern.indexOf('*') < 0 || pattern.endsWith("/*")))
              || (pattern.startsWith("*.") && pattern.length() > 2 && pattern.indexOf('/') < 0
                  && pattern.lastIndexOf('*') == 0));
      if (!valid) {
        throw new IllegalArgumentException(
            "path pattern must be /exact, /prefix/* or *.ext, was " + pattern);
      }
      if (policy == null) {
        throw new IllegalArgumentException("policy for " + pattern + " must not be null");
      }
      rules.add(new Rule(pattern, policy));
      return this;
    }

    /**
     * Sets whether requests carrying {@code Authorization} get {@code no-store}. Default true.
     *
     * @param enabled whether to force no-store for authenticated requests
     * @return this builder
     */
    public Builder noStoreWhenAuthenticated(boolean enabled) {
      this.noStoreWhenAuthenticated = enabled;
      return this;
    }

    /**
     * Builds the filter.
     *
     * @return a new filter with these rules
     */
    public CacheControlFilter build() {
      return new CacheControlFilter(this);
    }
  }
}
