package dev.hotpath.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpath.servlet.CompressionFilter;
import dev.hotpath.servlet.DedupFilter;
import dev.hotpath.servlet.EtagFilter;
import dev.hotpath.servlet.TimingFilter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;

/** The chain on real Tomcat on a random port, exercised with the JDK's HTTP client. */
class HotpathServletAutoConfigurationTest {
  private static ConfigurableApplicationContext context;
  private static String base;
  private final HttpClient client = HttpClient.newHttpClient();

  @BeforeAll
  static void startTomcat() {
    context = start();
    base = Apps.baseUrl(context);
  }

  @AfterAll
  static void stopTomcat() {
    context.close();
  }

  static ConfigurableApplicationContext start(String... properties) {
    return Apps.start(WebApp.class, WebApplicationType.SERVLET, properties);
  }

  @Test
  void registersEachFilterOnceInTheDocumentedOrder() {
    @SuppressWarnings("rawtypes")
    Map<String, FilterRegistrationBean> registrations =
        context.getBeansOfType(FilterRegistrationBean.class);
    List<Object> hotpath = registrations.values().stream()
        .filter(r -> r.getFilterName() != null && r.getFilterName().startsWith("hotpath-"))
        .sorted(Comparator.comparingInt(FilterRegistrationBean::getOrder))
        .map(FilterRegistrationBean::getFilter)
        .map(Object::getClass)
        .map(Object.class::cast)
        .toList();
    assertThat(hotpath).containsExactly(TimingFilter.class, DedupFilter.class,
        CompressionFilter.class, EtagFilter.class);
    // Boot adds Filter beans itself unless a registration covers them: nothing twice.
    assertThat(((org.springframework.web.context.WebApplicationContext) context).getServletContext().getFilterRegistrations().keySet())
        .filteredOn(name -> name.startsWith("hotpath-"))
        .containsExactlyInAnyOrder("hotpath-timing", "hotpath-dedup", "hotpath-compression",
            "hotpath-etag");
  }

  @Test
  void responsesCarryServerTimingAnEtagAndGzip() throws Exception {
    HttpResponse<byte[]> plain = get("/albums/1", Map.of());
    assertThat(plain.statusCode()).isEqualTo(200);
    assertThat(plain.headers().firstValue("Server-Timing")).hasValueSatisfying(
        value -> assertThat(value).contains("total;dur="));
    String etag = plain.headers().firstValue("ETag").orElseThrow();

    HttpResponse<byte[]> revalidated = get("/albums/1", Map.of("If-None-Match", etag));
    assertThat(revalidated.statusCode()).isEqualTo(304);
    assertThat(revalidated.body()).isEmpty();

    // Compression sits outside the ETag filter: the gzip variant has its own tag.
    HttpResponse<byte[]> gzip = get("/albums/1", Map.of("Accept-Encoding", "gzip"));
    assertThat(gzip.headers().firstValue("Content-Encoding")).hasValue("gzip");
    assertThat(gzip.headers().firstValue("ETag")).hasValueSatisfying(
        tag -> assertThat(tag).isNotEqualTo(etag).contains("-gzip"));
    assertThat(gzip.body().length).isLessThan(plain.body().length);
  }

  @Test
  void aResponseEntityGetsItsEtagA304AndGzipToo() throws Exception {
    HttpResponse<byte[]> plain = get("/albums/1/entity", Map.of());
    assertThat(plain.body()).isEqualTo(get("/albums/1", Map.of()).body());
    String etag = plain.headers().firstValue("ETag").orElseThrow();

    HttpResponse<byte[]> revalidated = get("/albums/1/entity", Map.of("If-None-Match", etag));
    assertThat(revalidated.statusCode()).isEqualTo(304);

    HttpResponse<byte[]> gzip = get("/albums/1/entity", Map.of("Accept-Encoding", "gzip"));
    assertThat(gzip.headers().firstValue("Content-Encoding")).hasValue("gzip");
    assertThat(gzip.headers().firstValue("ETag")).hasValue(
        etag.substring(0, etag.length() - 1) + "-gzip\"");
  }

  @Test
  void eachFilterCanBeSwitchedOff() throws Exception {
    try (ConfigurableApplicationContext off = start("hotpath.servlet.etag.enabled=false",
        "hotpath.servlet.timing.server-timing=false", "hotpath.servlet.compression.enabled=false",
        "hotpath.servlet.dedup.enabled=false")) {
      assertThat(off.getBeansOfType(FilterRegistrationBean.class).keySet())
          .contains("hotpathTimingFilterRegistration")
          .doesNotContain("hotpathEtagFilterRegistration", "hotpathDedupFilterRegistration",
              "hotpathCompressionFilterRegistration");
      String offBase = Apps.baseUrl(off);
      HttpResponse<byte[]> response = client.send(
          HttpRequest.newBuilder(URI.create(offBase + "/albums/1"))
              .header("Accept-Encoding", "gzip").build(),
          HttpResponse.BodyHandlers.ofByteArray());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("ETag")).isEmpty();
      assertThat(response.headers().firstValue("Server-Timing")).isEmpty();
      assertThat(response.headers().firstValue("Content-Encoding")).isEmpty();
    }
    try (ConfigurableApplicationContext none = start("hotpath.servlet.enabled=false")) {
      assertThat(none.getBeansOfType(FilterRegistrationBean.class).keySet())
          .noneMatch(name -> name.startsWith("hotpath"));
    }
  }

  private HttpResponse<byte[]> get(String path, Map<String, String> headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
    headers.forEach(request::header);
    return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }
}
