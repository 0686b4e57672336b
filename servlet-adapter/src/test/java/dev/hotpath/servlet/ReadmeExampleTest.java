package dev.hotpath.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpath.core.Health;
import dev.hotpath.core.HealthRegistry;
import dev.hotpath.metrics.LatencyRegistry;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRegistration;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The README's usage example, compiled and run as written. */
class ReadmeExampleTest {
  public static class HotpathSetup implements ServletContextListener {
    @Override
    public void contextInitialized(ServletContextEvent event) {
      LatencyRegistry registry = LatencyRegistry.create();
      Hotpath.install(event.getServletContext(), HotpathOptions.builder()
          .timing(TimingFilter.builder().metrics(registry).build())
          .cacheControl(CacheControlFilter.builder()
              .rule("/static/*", CachePolicy.maxAge(Duration.ofDays(365)).withImmutable())
              .rule("/api/*", CachePolicy.noCache())
              .build())
          .build());
    }
  }

  @ContainerTest
  void theReadmeSetupServes() throws Exception {
    try (HealthRegistry healthRegistry = HealthRegistry.builder().build()) {
      healthRegistry.register("self", Health::up);
      LatencyRegistry registry = LatencyRegistry.create();
      MonitoringAccess operators = MonitoringAccess.bearerToken("s3cret-token-from-config");
      try (TestServer server = TestServer.start(context -> {
        // A listener declared in web.xml or with @WebListener gets this call from the container;
        // one added from code may not add filters, so the test makes the call itself.
        new HotpathSetup().contextInitialized(new ServletContextEvent(context));
        context.addServlet("health", new HealthServlet(healthRegistry, operators)).addMapping("/health/*");
        ServletRegistration.Dynamic metrics =
            context.addServlet("metrics", new MetricsServlet(registry, Duration.ofSeconds(5), operators));
        metrics.setAsyncSupported(true);
        metrics.addMapping("/metrics/*");
        TestServer.addServlet(context, TestServer.servlet((req, resp) -> resp.getWriter().write("ok")), "/static/*");
      })) {
        HttpResponse<byte[]> asset = server.get("/static/app.js");
        assertThat(asset.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
        assertThat(asset.headers().firstValue("ETag")).isPresent();
        assertThat(asset.headers().firstValue("Server-Timing")).isPresent();
        assertThat(server.get("/health/ready").statusCode()).isEqualTo(200);
        assertThat(server.get("/metrics/prometheus").statusCode()).isEqualTo(401);
        assertThat(server.get("/metrics/prometheus",
            "Authorization", "Bearer s3cret-token-from-config").statusCode()).isEqualTo(200);
      }
    }
  }
}
