package dev.hotpath.spring.boot.internal;

import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Registers one bean per key of a map property ({@code hotpath.guards.<name>}), named after the
 * key, so the application injects it with {@code @Qualifier("<name>")}; a bean of that name the
 * application defines itself is left in place. The bean is made by {@code factory} from the bean
 * factory. By default it is made when first injected and has no destroy method (its lifecycle
 * belongs to whatever the factory takes it from); {@code definition} can change that.
 */
public final class NamedBeanRegistrar implements BeanDefinitionRegistryPostProcessor,
    EnvironmentAware {
  private final String mapProperty;
  private final Class<?> type;
  private final BiFunction<BeanFactory, String, Object> factory;
  private final Consumer<RootBeanDefinition> definition;
  private Environment environment;

  /**
   * Creates a registrar.
   *
   * @param mapProperty the map property whose keys name the beans
   * @param type the bean type
   * @param factory makes the bean of a name
   */
  public NamedBeanRegistrar(String mapProperty, Class<?> type,
      BiFunction<BeanFactory, String, Object> factory) {
    this(mapProperty, type, factory, lazyWithoutDestroy -> {});
  }

  /**
   * Creates a registrar that adjusts each bean definition.
   *
   * @param mapProperty the map property whose keys name the beans
   * @param type the bean type
   * @param factory makes the bean of a name
   * @param definition adjusts each definition after the defaults are set
   */
  public NamedBeanRegistrar(String mapProperty, Class<?> type,
      BiFunction<BeanFactory, String, Object> factory, Consumer<RootBeanDefinition> definition) {
    this.mapProperty = mapProperty;
    this.type = type;
    this.factory = factory;
    this.definition = definition;
  }

  @Override
  public void setEnvironment(Environment environment) {
    this.environment = environment;
  }

  @Override
  public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
    Map<String, Object> entries = Binder.get(environment)
        .bind(mapProperty, Bindable.mapOf(String.class, Object.class))
        .orElse(Map.of());
    for (String name : entries.keySet()) {
      if (registry.containsBeanDefinition(name)) {
        continue; // the application's own bean of that name wins
      }
      BeanFactory beans = (BeanFactory) registry;
      RootBeanDefinition bean = new RootBeanDefinition(type);
      bean.setInstanceSupplier(() -> factory.apply(beans, name));
      bean.setDestroyMethodName("");
      // Made on first injection: a bean whose source backed off fails only where it is used.
      bean.setLazyInit(true);
      definition.accept(bean);
      registry.registerBeanDefinition(name, bean);
    }
  }

  @Override
  public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {}
}
