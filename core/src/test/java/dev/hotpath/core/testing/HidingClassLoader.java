package dev.hotpath.core.testing;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Objects;

/**
 * A class loader that pretends an optional dependency is absent, for tests that prove hotpath
 * works without it (Testcontainers for the test services, Micrometer for metrics, ...).
 *
 * <p>It loads hotpath's own classes ({@code dev.hotpath.*}) itself from the given locations, so
 * they link against what this loader can see (other hotpath classes come from the test's loader), refuses every class under the hidden package
 * prefix with {@link ClassNotFoundException}, and delegates everything else to the test's loader.
 * Use {@link #invoke} to run a static method of a test class inside it.
 */
public final class HidingClassLoader extends URLClassLoader {

  private final String hiddenPrefix;

  /**
   * Creates a loader hiding {@code hiddenPrefix}.
   *
   * @param hiddenPrefix the package prefix to hide, for example {@code "io.micrometer."}
   * @param anchors one class from each code location (jar or classes folder) whose hotpath
   *     classes this loader must load itself: the test class, and the main classes it uses
   */
  public HidingClassLoader(String hiddenPrefix, Class<?>... anchors) {
    super(locationsOf(anchors), HidingClassLoader.class.getClassLoader());
    this.hiddenPrefix = Objects.requireNonNull(hiddenPrefix, "hiddenPrefix must not be null");
  }

  /**
   * Runs a static, no-argument method of {@code testClass} as loaded by this loader.
   *
   * @param testClass the class declaring the method (loaded again here, by name)
   * @param methodName the method's name; it may be private
   * @return what the method returned
   * @throws Exception what the method threw, unwrapped from {@link InvocationTargetException},
   *     or a reflection failure
   */
  public Object invoke(Class<?> testClass, String methodName) throws Exception {
    Method method = loadClass(testClass.getName()).getDeclaredMethod(methodName);
    method.setAccessible(true);
    try {
      return method.invoke(null);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    }
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (name.startsWith(hiddenPrefix)) {
      throw new ClassNotFoundException(name + " is hidden by this test");
    }
    if (!name.startsWith("dev.hotpath.")) {
      return super.loadClass(name, resolve);
    }
    synchronized (getClassLoadingLock(name)) {
      Class<?> loaded = findLoadedClass(name);
      if (loaded != null) {
        return loaded;
      }
      try {
        return findClass(name);
      } catch (ClassNotFoundException notInAnchors) {
        return super.loadClass(name, resolve); // hotpath classes from elsewhere, e.g. this one
      }
    }
  }

  private static URL[] locationsOf(Class<?>... anchors) {
    URL[] locations = new URL[anchors.length];
    for (int i = 0; i < anchors.length; i++) {
      locations[i] = anchors[i].getProtectionDomain().getCodeSource().getLocation();
    }
    return locations;
  }
}
