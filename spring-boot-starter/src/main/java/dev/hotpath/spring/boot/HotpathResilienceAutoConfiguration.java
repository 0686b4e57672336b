package dev.hotpath.spring.boot;

import dev.hotpath.metrics.LatencyRegistry;
import dev.hotpath.resilience.Guard;
import dev.hotpath.resilience.GuardBuilder;
import dev.hotpath.spring.boot.internal.HealthContribution;
import dev.hotpath.spring.boot.internal.NamedBeanRegistrar;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * One {@link Guard} bean per entry of {@code hotpath.guards}, named after it, recording into the
 * shared registry: inject it with {@code @Qualifier("vision-api") Guard<String, Labels>}. A bean
 * of that name the application defines itself is left in place. Without entries there are no
 * guards. Guards are made on first injection.
 */
@AutoConfiguration(after = HotpathAutoConfiguration.class)
@ConditionalOnClass(Guard.class)
public final class HotpathResilienceAutoConfiguration {
  static final String GUARDS = "hotpath.guards";

  /** Created by Spring Boot from {@code AutoConfiguration.imports}. */
  public HotpathResilienceAutoConfiguration() {}

  /**
   * Registers the guards; static, as a registry post-processor must be.
   *
   * @return the registrar
   */
  @Bean
  public static NamedBeanRegistrar hotpathGuardBeans() {
    return new NamedBeanRegistrar(GUARDS, Guard.class, (beans, name) -> {
      HotpathProperties.GuardSpec spec = beans.getBean(HotpathProperties.class).guards().get(name);
      GuardBuilder<Object, Object> builder = Guard.builder(name);
      spec.configure(builder, GUARDS + "." + name, Checks.throwing());
      return builder.metrics(beans.getBean(LatencyRegistry.class)).build();
    });
  }

  /**
   * The health check of each guard, not critical: an external API being down leaves this
   * service up.
   *
   * @param guards the guard beans
   * @return the contribution
   */
  @Bean
  public HealthContribution hotpathGuardHealth(ObjectProvider<Guard<?, ?>> guards) {
    return registry -> guards.orderedStream().forEach(guard ->
        registry.register("guard-" + guard.name(), guard.healthCheck(), false));
  }
}
