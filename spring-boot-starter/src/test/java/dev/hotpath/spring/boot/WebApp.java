package dev.hotpath.spring.boot;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
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

    /** The same album as a ResponseEntity, after which Spring MVC calls flushBuffer(). */
    @GetMapping("/albums/{id}/entity")
    ResponseEntity<String> albumEntity(@PathVariable int id) {
      return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(album(id));
    }
  }
}
