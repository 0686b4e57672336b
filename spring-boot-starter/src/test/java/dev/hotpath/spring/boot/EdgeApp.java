package dev.hotpath.spring.boot;

import dev.hotpath.core.Health;
import dev.hotpath.core.HealthCheck;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A Boot web application with pages worth caching, an endpoint worth limiting and a check. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(EdgeApp.Pages.class)
class EdgeApp {
  /** A health check with a detail operators may see and anonymous callers may not. */
  @Bean
  HealthCheck inventory() {
    return () -> Health.up().withDetail("warehouse", "north-7");
  }

  @RestController
  static class Pages {
    final AtomicInteger renders = new AtomicInteger();

    @GetMapping(path = "/albums/{id}", produces = "application/json")
    String album(@PathVariable int id) {
      return "{\"id\":" + id + ",\"render\":" + renders.incrementAndGet() + "}";
    }

    @GetMapping("/labels")
    String labels() {
      return "cat,dog";
    }
  }
}
