package dev.hotpath.servlet;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;

/**
 * Runs the test once per {@link Container}: {@link TestServer#start} inside it starts that
 * container, and a {@link Container} parameter receives it, for assertions on the behaviour the
 * containers differ on.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@TestTemplate
@ExtendWith(ContainerTest.EachContainer.class)
@interface ContainerTest {
  /** Provides one invocation per container. */
  final class EachContainer implements TestTemplateInvocationContextProvider {
    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
      return true;
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(
        ExtensionContext context) {
      return Arrays.stream(Container.values()).map(Invocation::new);
    }
  }

  /** One run of the test on one container. */
  record Invocation(Container container) implements TestTemplateInvocationContext {
    @Override
    public String getDisplayName(int invocationIndex) {
      return container.name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public List<Extension> getAdditionalExtensions() {
      BeforeEachCallback select = context -> TestServer.use(container);
      ParameterResolver parameter = new ParameterResolver() {
        @Override
        public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
          return p.getParameter().getType() == Container.class;
        }

        @Override
        public Object resolveParameter(ParameterContext p, ExtensionContext e) {
          return container;
        }
      };
      return List.of(select, parameter);
    }
  }
}
