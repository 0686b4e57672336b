package dev.hotpath.spring.boot;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Invalidates tags in every cache of {@code hotpath.cache.caches}, on every node, after the
 * annotated method returns normally (a method that throws invalidates nothing, as
 * {@code @CacheEvict} does by default).
 *
 * <pre>{@code
 * @InvalidateTags("album:#id")
 * public void retitle(long id, String title) { ... }
 *
 * @InvalidateTags({"album:#{#album.id()}", "artist:#{#result.artistId()}"})
 * public Album save(Album album) { ... }
 * }</pre>
 *
 * <p>Each value is a tag template: {@code #name} is replaced by the argument of that parameter,
 * {@code #{expression}} by a Spring expression over the arguments ({@code #name}) and the return
 * value ({@code #result}). The application must be compiled with {@code -parameters} (Spring Boot's
 * build plugins set it) for parameter names to resolve.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface InvalidateTags {
  /**
   * The tag templates.
   *
   * @return one template per tag to invalidate
   */
  String[] value();
}
