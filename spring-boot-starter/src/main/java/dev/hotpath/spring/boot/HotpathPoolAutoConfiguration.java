package dev.hotpath.spring.boot;

import dev.hotpath.metrics.LatencyRegistry;
import dev.hotpath.pool.HotpathDataSource;
import com.zaxxer.hikari.HikariDataSource;
import dev.hotpath.spring.boot.internal.HealthContribution;
import dev.hotpath.spring.boot.internal.NamedBeanRegistrar;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * Wraps each {@link DataSource} bean in a {@link HotpathDataSource} after Spring Boot has built
 * and configured it, so {@code spring.datasource.*} and {@code spring.datasource.hikari.*} keep
 * applying, Boot's HikariCP metrics and health still reach the pool (through {@code unwrap}), and
 * Boot still closes the pool it created. {@code hotpath.pool.pools.<name>} declares more pools
 * (read, write, analytics), each a DataSource bean of that name. Backs off when the application defines its own
 * {@link HotpathDataSource} bean, or with {@code hotpath.pool.enabled=false}.
 */
@AutoConfiguration(after = HotpathAutoConfiguration.class)
@ConditionalOnClass({HotpathDataSource.class, DataSource.class})
@ConditionalOnProperty(prefix = "hotpath.pool", name = "enabled", matchIfMissing = true)
@ConditionalOnMissingBean(HotpathDataSource.class)
public final class HotpathPoolAutoConfiguration {

  /** Created by Spring Boot from {@code AutoConfiguration.imports}. */
  public HotpathPoolAutoConfiguration() {}

  /**
   * The post-processor that wraps DataSource beans; static so that declaring it does not create
   * this configuration (or the properties) before the other beans' post-processing is set up.
   *
   * @param properties the bound properties, resolved when the first DataSource is wrapped
   * @param registry the registry the statements are recorded into
   * @return the post-processor
   */
  @Bean
  public static BeanPostProcessor hotpathDataSourceWrapper(
      ObjectProvider<HotpathProperties> properties, ObjectProvider<LatencyRegistry> registry) {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (!(bean instanceof DataSource dataSource) || bean instanceof HotpathDataSource) {
          return bean;
        }
        HotpathProperties.Pool pool = properties.getObject().pool();
        HotpathDataSource.Builder builder = HotpathDataSource.builder();
        pool.configure(builder, "hotpath.pool", Checks.throwing());
        if (!"dataSource".equals(beanName)) {
          try {
            builder.name(beanName);
          } catch (IllegalArgumentException badName) {
            throw new IllegalArgumentException("DataSource bean '" + beanName
                + "' cannot name a hotpath pool: " + badName.getMessage(), badName);
          }
        }
        return builder.dataSource(dataSource).metrics(registry.getObject()).build();
      }
    };
  }

  /** The pools of {@code hotpath.pool.pools}, with Boot's JDBC support and HikariCP present. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({DataSourceBuilder.class, HikariDataSource.class})
  static class NamedPoolsConfiguration {
    static final String POOLS = "hotpath.pool.pools";

    /**
     * Registers a HikariCP pool per {@code hotpath.pool.pools.<name>}, as a DataSource bean of
     * that name (then wrapped and named like every DataSource). The beans are not default
     * candidates: they never replace the application's main DataSource in injection points
     * without a qualifier, nor make Boot's own DataSource auto-configuration back off.
     */
    @Bean
    static NamedBeanRegistrar hotpathNamedPools() {
      return new NamedBeanRegistrar(POOLS, HikariDataSource.class,
          (beans, name) -> hikari(beans, name),
          definition -> {
            definition.setDefaultCandidate(false);
            definition.setLazyInit(false);
            definition.setDestroyMethodName("close");
          });
    }

    private static HikariDataSource hikari(BeanFactory beans, String name) {
      HotpathProperties.NamedPool pool =
          beans.getBean(HotpathProperties.class).pool().pools().get(name);
      DataSourceBuilder<HikariDataSource> builder = DataSourceBuilder.create()
          .type(HikariDataSource.class).url(pool.url()).username(pool.username())
          .password(pool.password());
      if (pool.driverClassName() != null) {
        builder.driverClassName(pool.driverClassName());
      }
      HikariDataSource hikari = builder.build();
      hikari.setPoolName(name);
      Binder.get(beans.getBean(Environment.class))
          .bind(POOLS + "." + name + ".hikari", Bindable.ofInstance(hikari));
      return hikari;
    }
  }

  /**
   * The health check of each wrapped pool, critical: DOWN when no connection can be validated,
   * DEGRADED when more than {@code hotpath.health.pool-max-pending-threads} threads wait.
   *
   * @param beans the bean factory: every DataSource bean, the named pools too (which are not
   *     default candidates, so an {@code ObjectProvider<DataSource>} would not list them)
   * @param properties the bound properties
   * @return the contribution
   */
  @Bean
  public HealthContribution hotpathPoolHealth(ListableBeanFactory beans,
      HotpathProperties properties) {
    return registry -> beans.getBeansOfType(DataSource.class).values().stream()
        .filter(HotpathDataSource.class::isInstance).map(HotpathDataSource.class::cast)
        .forEach(pool -> registry.register("pool-" + pool.name(),
            pool.healthCheck(properties.health().poolMaxPendingThreads()), true));
  }
}
