package dev.hotpath.spring.boot.internal;

import java.util.Map;
import java.util.function.BiFunction;
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
 * application defines itself is left in place. The bean is made by
 * {@code factory} from the bean factory when first injected; its lifecycle belongs to whatever the
 * factory takes it from, so the bean itself has no destroy method.
 */
public final class NamedBeanRegistrar implements BeanDefinitionRegistryPostProcessor,
    EnvironmentAware {
  private final String mapProperty;
  private final Class<?> type;
  private final BiFunction<BeanFactory, String, Object> factory;
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
    this.mapProperty = mapProperty;
    this.type = type;
    this.factory = factory;
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
      RootBeanDefinition definition = new RootBeanDefinition(type);
      definition.setInstanceSupplier(() -> factory.apply(beans, name));
      definition.setDestroyMethodName("");
      // Made on first injection: a bean whose source backed off fails only where it is used.
      definition.setLazyInit(true);
      registry.registerBeanDefinition(name, definition);
    }
  }

  @Override
  public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {}
}
