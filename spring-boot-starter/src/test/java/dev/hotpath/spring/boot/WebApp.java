package dev.hotpath.spring.boot;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A Boot web application with one JSON endpoint, as a user's would be. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(WebApp.Albums.class)
class WebApp {
  /** About 2 KB of JSON per album, enough to be compressed and tagged. */
  @RestController
  static class Albums {
    @GetMapping(path = "/albums/{id}", produces = "application/json")
    String album(@PathVariable int id) {
      return "{\"id\":" + id + ",\"title\":\"" + "a".repeat(2000) + "\"}";
    }
  }
}
