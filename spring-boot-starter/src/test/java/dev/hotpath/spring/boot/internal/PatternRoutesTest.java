package dev.hotpath.spring.boot.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class PatternRoutesTest {
  private final PatternRoutes routes = new PatternRoutes(
      Set.of("GET /albums/{id}", "GET /albums/new", "POST /albums/{id}", "GET /files/**"));

  @Test
  void theMostSpecificPatternNamesTheRequest() {
    assertThat(routes.route(request("GET", "", "/albums/new"))).isEqualTo("GET /albums/new");
    assertThat(routes.route(request("GET", "", "/albums/7"))).isEqualTo("GET /albums/{id}");
    assertThat(routes.route(request("POST", "", "/albums/7"))).isEqualTo("POST /albums/{id}");
    assertThat(routes.route(request("GET", "", "/files/a/b.txt"))).isEqualTo("GET /files/**");
  }

  @Test
  void headIsNamedAfterItsGetRouteSoItCountsAgainstTheSameLimit() {
    assertThat(routes.route(request("HEAD", "", "/albums/7"))).isEqualTo("GET /albums/{id}");
  }

  @Test
  void thePathIsMatchedInsideTheContextAndUnknownPathsHaveNoRoute() {
    assertThat(routes.route(request("GET", "/shop", "/shop/albums/7"))).isEqualTo("GET /albums/{id}");
    assertThat(routes.route(request("GET", "", "/photos/7"))).isNull();
    assertThat(routes.route(request("DELETE", "", "/albums/7"))).isNull();
  }

  @Test
  void aKeyThatIsNoMethodAndPatternIsRejectedNamingIt() {
    assertThatThrownBy(() -> PatternRoutes.check("get /albums")).hasMessageContaining("'get /albums'");
    assertThatThrownBy(() -> PatternRoutes.check("GET albums")).hasMessageContaining("'GET albums'");
    assertThatThrownBy(() -> PatternRoutes.check("GET /a/{*rest}/b"))
        .hasMessageContaining("route 'GET /a/{*rest}/b' has no valid path pattern");
  }

  private static MockHttpServletRequest request(String method, String context, String uri) {
    MockHttpServletRequest request = new MockHttpServletRequest(method, uri);
    request.setContextPath(context);
    return request;
  }
}
