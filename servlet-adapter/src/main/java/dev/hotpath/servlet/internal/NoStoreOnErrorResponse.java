package dev.hotpath.servlet.internal;

import jakarta.servlet.http.HttpServletResponse;

/**
 * Replaces a {@code Cache-Control} value set for the success case with {@code no-store} the
 * moment the response becomes an error: when an error status is set, when an error is sent
 * (Tomcat ignores headers set after {@code sendError}, so afterwards is too late), and when the
 * filter learns that the chain threw. The application's own value (anything else) is left alone.
 */
public final class NoStoreOnErrorResponse extends HookedResponse {
  private final String ruleValue;

  /**
   * Wraps a response that carries a rule's header.
   *
   * @param response the response, its {@code Cache-Control} already set to {@code ruleValue}
   * @param ruleValue the value to replace on errors
   */
  public NoStoreOnErrorResponse(HttpServletResponse response, String ruleValue) {
    super(response);
    this.ruleValue = ruleValue;
  }

  /** Sets {@code no-store} if the rule's value is still there and can still change. */
  public void replaceRuleValue() {
    if (!isCommitted() && ruleValue.equals(getHeader("Cache-Control"))) {
      setHeader("Cache-Control", "no-store");
    }
  }

  @Override
  public void setStatus(int sc) {
    if (sc >= SC_BAD_REQUEST) {
      replaceRuleValue();
    }
    super.setStatus(sc);
  }

  @Override
  protected void beforeErrorOrRedirect(int status) {
    if (status >= SC_BAD_REQUEST) {
      replaceRuleValue();
    }
  }
}
