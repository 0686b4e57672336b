package dev.hotpath.spring.boot;

import dev.hotpath.core.HealthCheck;
import dev.hotpath.core.HealthRegistry;
import dev.hotpath.metrics.BudgetMonitor;
import dev.hotpath.metrics.LatencyRegistry;
import dev.hotpath.metrics.RouteMetric;
import dev.hotpath.metrics.micrometer.LatencyRegistryMetrics;
import dev.hotpath.servlet.MonitoringAccess;
import dev.hotpath.spring.boot.internal.DetailsGate;
import dev.hotpath.spring.boot.internal.GuardedHotpathEndpoint;
import dev.hotpath.spring.boot.internal.HealthContribution;
import dev.hotpath.spring.boot.internal.HotpathHealthIndicator;
import dev.hotpath.spring.boot.internal.MonitoringGate;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.config.MeterFilter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * hotpath in Actuator and Micrometer: its health checks as the health contributor
 * {@code hotpath} (no second health endpoint), the endpoint {@code hotpath} with the
 * {@link dev.hotpath.metrics.PerformanceReport}, and the shared registry bound to Boot's
 * {@code MeterRegistry} with each series' own name and tags, routes left out because
 * Boot's {@code http.server.requests} measures requests. Each part is conditional on its Boot
 * module and can be turned off: {@code hotpath.health.enabled} (or
 * {@code management.health.hotpath.enabled}), {@code management.endpoint.hotpath.access=none},
 * {@code hotpath.metrics.micrometer}.
 *
 * <p>With {@code hotpath.monitoring.access} (or {@code .token}) set, the endpoint answers over
 * HTTP only the callers that rule allows (others: 401 with a Bearer challenge, or 403, and no
 * report), and the health contributor shows its components' details only to them. This adds to
 * Actuator's exposure settings and Spring Security, never replaces them: an endpoint must still be
 * exposed, and a request Spring Security refuses never gets here.
 */
@AutoConfiguration(after = HotpathAutoConfiguration.class)
public final class HotpathActuatorAutoConfiguration {

  /** Created by Spring Boot from {@code AutoConfiguration.imports}. */
  public HotpathActuatorAutoConfiguration() {}

  /** Health, with Boot's health module present. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(HealthIndicator.class)
  @ConditionalOnProperty(prefix = "hotpath.health", name = "enabled", matchIfMissing = true)
  @ConditionalOnEnabledHealthIndicator("hotpath")
  static class HealthConfiguration {

    /**
     * The checks each block's auto-configuration contributes (wrapped pools, the Redis tier,
     * guards), and every {@link HealthCheck} bean of the application, named after its bean and
     * critical.
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    HealthRegistry hotpathHealthRegistry(ObjectProvider<HealthContribution> contributions,
        ConfigurableListableBeanFactory beans) {
      HealthRegistry registry = HealthRegistry.builder().build();
      contributions.orderedStream().forEach(contribution -> contribution.registerInto(registry));
      beans.getBeansOfType(HealthCheck.class)
          .forEach((name, check) -> registry.register(name, check, true));
      return registry;
    }

    /** Details only for callers {@code hotpath.monitoring} allows, when it is configured. */
    @Bean
    HotpathHealthIndicator hotpathHealthIndicator(HealthRegistry registry,
        ObjectProvider<DetailsGate> gate) {
      return new HotpathHealthIndicator(registry, gate.getIfAvailable(() -> () -> true));
    }
  }

  /** The endpoint, with Boot's actuator present. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({Endpoint.class, ConditionalOnAvailableEndpoint.class})
  static class EndpointConfiguration {
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnAvailableEndpoint(HotpathEndpoint.class)
    HotpathEndpoint hotpathEndpoint(LatencyRegistry registry, BudgetMonitor budgets) {
      return new HotpathEndpoint(registry, budgets);
    }
  }

  /**
   * {@code hotpath.monitoring}, when its access or token is set: the rule applied to the HTTP
   * request Actuator serves (on the main or the management port).
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({MonitoringAccess.class, RequestContextHolder.class})
  @Conditional(MonitoringConfigured.class)
  static class MonitoringConfiguration {
    @Bean
    MonitoringGate hotpathMonitoringGate(HotpathProperties properties) {
      return new MonitoringGate(properties.monitoring().rule(Checks.throwing()));
    }

    /** The endpoint's web side, guarded. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({Endpoint.class, ConditionalOnAvailableEndpoint.class,
        WebEndpointResponse.class})
    static class GuardedEndpointConfiguration {
      @Bean
      @ConditionalOnAvailableEndpoint(HotpathEndpoint.class)
      GuardedHotpathEndpoint hotpathGuardedEndpoint(HotpathEndpoint endpoint, MonitoringGate gate) {
        return new GuardedHotpathEndpoint(endpoint, gate);
      }
    }
  }

  /** Matches when {@code hotpath.monitoring.access} or {@code hotpath.monitoring.token} is set. */
  static final class MonitoringConfigured extends AnyNestedCondition {
    MonitoringConfigured() {
      super(ConfigurationPhase.REGISTER_BEAN);
    }

    @ConditionalOnProperty(prefix = MonitoringProperties.PREFIX, name = "access")
    static class AccessSet {}

    @ConditionalOnProperty(prefix = MonitoringProperties.PREFIX, name = "token")
    static class TokenSet {}
  }

  /** The Micrometer binding, with Micrometer present; Boot binds every MeterBinder bean. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({MeterBinder.class, LatencyRegistryMetrics.class})
  @ConditionalOnProperty(prefix = "hotpath.metrics", name = "micrometer", matchIfMissing = true)
  static class MicrometerConfiguration {
    /** The timing filter's series, {@code hotpath.http.server{outcome, route}}. */
    static final String ROUTE_METRIC = RouteMetric.NAME;

    @Bean
    @ConditionalOnMissingBean
    LatencyRegistryMetrics hotpathLatencyMetrics(LatencyRegistry registry) {
      return new LatencyRegistryMetrics(registry);
    }

    /**
     * Leaves the timing filter's routes to Boot's {@code http.server.requests}: every meter of
     * the route series {@value #ROUTE_METRIC}.
     */
    @Bean
    MeterFilter hotpathRouteMeterFilter() {
      return MeterFilter.deny(id -> id.getName().startsWith(ROUTE_METRIC));
    }
  }
}
