package dev.hotpath.spring.boot;

import dev.hotpath.metrics.BudgetListener;
import dev.hotpath.metrics.BudgetMonitor;
import dev.hotpath.metrics.BudgetState;
import dev.hotpath.metrics.LatencyRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;

/**
 * The parts every block shares: the {@code hotpath.*} properties, one {@link LatencyRegistry}
 * that the pool, caches, guards and the timing filter record into, and the {@link BudgetMonitor}
 * evaluating {@code hotpath.budgets}, whose transitions are published as {@link BudgetEvent}s.
 * Each bean backs off when the application defines one of its type.
 */
@AutoConfiguration
@EnableConfigurationProperties(HotpathProperties.class)
public final class HotpathAutoConfiguration {

  /** Created by Spring Boot from {@code AutoConfiguration.imports}. */
  public HotpathAutoConfiguration() {}

  /**
   * The registry the blocks record into.
   *
   * @param properties the bound properties
   * @return a registry capped at {@code hotpath.metrics.max-series-per-name}
   */
  @Bean
  @ConditionalOnMissingBean
  public LatencyRegistry hotpathLatencyRegistry(HotpathProperties properties) {
    LatencyRegistry.Builder builder = LatencyRegistry.builder();
    properties.metrics().configure(builder, Checks.throwing());
    return builder.build();
  }

  /**
   * The budget monitor; started only when budgets are configured, so an application without
   * budgets runs no evaluation thread.
   *
   * @param registry the registry the budgets are evaluated over
   * @param properties the bound properties
   * @param events where breach and recovery events go
   * @return the monitor
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public BudgetMonitor hotpathBudgetMonitor(LatencyRegistry registry, HotpathProperties properties,
      ApplicationEventPublisher events) {
    BudgetMonitor.Builder builder = BudgetMonitor.builder(registry)
        .interval(properties.metrics().budgetInterval());
    properties.budgets().forEach((name, text) -> builder.budget(HotpathProperties.budget(name, text)));
    BudgetMonitor monitor = builder.listener(new BudgetListener() {
      @Override
      public void onBreach(BudgetState state) {
        events.publishEvent(new BudgetEvent(registry, state, true));
      }

      @Override
      public void onRecover(BudgetState state) {
        events.publishEvent(new BudgetEvent(registry, state, false));
      }
    }).build();
    return properties.budgets().isEmpty() ? monitor : monitor.start();
  }
}
