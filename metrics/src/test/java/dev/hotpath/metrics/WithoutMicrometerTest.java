package dev.hotpath.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotpath.core.Ticker;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

/** Micrometer is optional: everything outside the micrometer package works without its jar. */
class WithoutMicrometerTest {

  @Test
  void registryBudgetsAndReportWorkWithoutMicrometer() throws Exception {
    try (URLClassLoader withoutMicrometer = new WithoutMicrometerLoader()) {
      Method useEverything = withoutMicrometer.loadClass(getClass().getName())
          .getDeclaredMethod("recordEvaluateAndReport");
      useEverything.setAccessible(true);

      assertThat((String) useEverything.invoke(null)).contains("\"status\":\"BREACHED\"");
    }
  }

  @Test
  void theLoaderReallyHidesMicrometer() throws Exception {
    try (URLClassLoader withoutMicrometer = new WithoutMicrometerLoader()) {
      Method bind = withoutMicrometer.loadClass(getClass().getName()).getDeclaredMethod("bindMicrometer");
      bind.setAccessible(true);

      assertThatThrownBy(() -> bind.invoke(null))
          .isInstanceOf(InvocationTargetException.class)
          .hasRootCauseInstanceOf(ClassNotFoundException.class);
    }
  }

  /** Runs inside {@link WithoutMicrometerLoader}. */
  private static String recordEvaluateAndReport() {
    LatencyRegistry registry = LatencyRegistry.create();
    registry.record("GET /a", 5_000_000);
    BudgetMonitor budgets = BudgetMonitor.builder(registry).budget("GET /a max < 1ms").build();
    return PerformanceReport.capture(registry, budgets).toJson();
  }

  /** Runs inside {@link WithoutMicrometerLoader}; must fail there. */
  private static void bindMicrometer() {
    new dev.hotpath.metrics.micrometer.LatencyRegistryMetrics(LatencyRegistry.create());
  }

  /** Loads hotpath's classes itself and pretends Micrometer is not there. */
  private static final class WithoutMicrometerLoader extends URLClassLoader {

    WithoutMicrometerLoader() {
      super(new URL[] {
          LatencyRegistry.class.getProtectionDomain().getCodeSource().getLocation(),
          WithoutMicrometerTest.class.getProtectionDomain().getCodeSource().getLocation(),
          Ticker.class.getProtectionDomain().getCodeSource().getLocation()
      }, WithoutMicrometerTest.class.getClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (name.startsWith("io.micrometer.")) {
        throw new ClassNotFoundException(name + " is hidden by this test");
      }
      if (!name.startsWith("dev.hotpath.")) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> loaded = findLoadedClass(name);
        return loaded != null ? loaded : findClass(name);
      }
    }
  }
}
