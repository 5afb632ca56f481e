package dev.statickeys.spring;

import dev.statickeys.StaticKeys;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.Ordered;
import org.springframework.core.PriorityOrdered;
import org.springframework.core.env.Environment;

/**
 * Applies {@code statickeys.keys.<name>=enabled|disabled} with {@link StaticKeys#configure}, as a bean
 * factory post-processor of the highest priority.
 *
 * <p>Why here: this runs while the context refreshes, after every property source is in the
 * {@code Environment} (application files, profiles, test properties, {@code @DynamicPropertySource}) and
 * before any application bean is created, so constructors and {@code @PostConstruct} methods already see
 * the configured states. It works in every kind of context (a {@code SpringApplication}, a test slice, an
 * {@code ApplicationContextRunner}) because it is an ordinary part of the auto-configuration, unlike an
 * {@code EnvironmentPostProcessor} or an {@code ApplicationContextInitializer}, which only
 * {@code SpringApplication} runs. Code that runs before the context refreshes (a {@code main} method, a
 * static initializer that flips keys, other post-processors of the highest priority) sees the
 * definitions' states or the agent's {@code key.<name>} settings.
 *
 * <p>The properties are read from the {@code Environment} here rather than through the
 * {@link StaticKeysProperties} bean, which is bound later, by a bean post-processor. A wrong value or key
 * name stops the start-up with an {@link IllegalStateException} naming the property and what was expected.
 */
final class KeyStatesConfigurer implements BeanFactoryPostProcessor, EnvironmentAware, PriorityOrdered {
    static final String KEYS = StaticKeysProperties.PREFIX + ".keys";

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        configured(environment).forEach((name, state) -> {
            try {
                StaticKeys.configure(name, state.enabled());
            } catch (IllegalStateException e) {
                throw new IllegalStateException(property(name) + "=" + state + " cannot be applied: " + e.getMessage(), e);
            }
        });
    }

    /**
     * The configured states by key name, sorted, every name and value checked first so that a wrong entry
     * changes no key.
     *
     * @throws IllegalStateException naming the property and what was expected
     */
    static Map<String, KeyState> configured(Environment environment) {
        Map<String, String> raw = Binder.get(environment)
                .bind(KEYS, Bindable.mapOf(String.class, String.class))
                .orElse(Map.of());
        Map<String, KeyState> states = new TreeMap<>();
        raw.forEach((name, value) -> {
            try {
                StaticKeys.find(name); // checks the name against the naming rule
                states.put(name, KeyState.parse(property(name), value));
            } catch (IllegalArgumentException e) {
                String message = e.getMessage().startsWith(property(name)) ? e.getMessage()
                        : property(name) + ": " + e.getMessage();
                throw new IllegalStateException(message, e);
            }
        });
        return states;
    }

    private static String property(String name) {
        return KEYS + "." + name;
    }
}
