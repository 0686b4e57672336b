package dev.hotpath.servlet.internal;

/** The request methods whose responses may be cached, tagged or shared. */
public final class SafeMethods {
  private SafeMethods() {}

  /**
   * Tells whether the method is GET or HEAD.
   *
   * @param method the request method
   * @return true for GET and HEAD
   */
  public static boolean isGetOrHead(String method) {
    return "GET".equals(method) || "HEAD".equals(method);
  }
}
