package dev.hotpath.spring.boot;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts the tests' Boot applications the way a user's would start. */
final class Apps {
  private Apps() {}

  /** Starts a non-web application with the given properties. */
  static ConfigurableApplicationContext start(Class<?> app, String... properties) {
    return start(app, WebApplicationType.NONE, properties);
  }

  /** Starts an application; a servlet one listens on a random port. */
  static ConfigurableApplicationContext start(Class<?> app, WebApplicationType type,
      String... properties) {
    return new SpringApplicationBuilder(app).web(type)
        .properties("spring.main.banner-mode=off", "spring.data.redis.repositories.enabled=false",
            "server.port=0")
        .properties(properties).run();
  }

  /** The base URL of a started servlet application. */
  static String baseUrl(ConfigurableApplicationContext context) {
    return "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
  }
}
