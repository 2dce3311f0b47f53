package dev.coderl4j.core.plugin;

import com.google.inject.Binder;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import com.google.inject.binder.LinkedBindingBuilder;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.util.Types;
import java.util.Map;

/**
 * Creates the per-extension-point MapBinders (after Druid's {@code Binders}).
 *
 * <p>Core's {@code CoreModule} declares one binder per extension point so that an empty set of
 * plugins is still a valid (empty) map; a plugin module adds one named binding:
 *
 * <pre>{@code Plugins.mapBinder(binder(), RewardScheme.class)
 *     .addBinding(CodeRlReward.NAME).to(CodeRlReward.Factory.class);}</pre>
 */
public final class Plugins {
  private Plugins() {}

  /** The MapBinder from plugin names to factories of {@code spi}. */
  public static <T> MapBinder<String, PluginFactory<T>> mapBinder(Binder binder, Class<T> spi) {
    return MapBinder.newMapBinder(binder, TypeLiteral.get(String.class), factoryType(spi));
  }

  /** Shorthand for {@code mapBinder(binder, spi).addBinding(name)}. */
  public static <T> LinkedBindingBuilder<PluginFactory<T>> bind(
      Binder binder, Class<T> spi, String name) {
    return mapBinder(binder, spi).addBinding(name);
  }

  /** The injection key of the map of factories for {@code spi}. */
  @SuppressWarnings("unchecked")
  public static <T> Key<Map<String, PluginFactory<T>>> mapKey(Class<T> spi) {
    return (Key<Map<String, PluginFactory<T>>>)
        Key.get(Types.mapOf(String.class, factoryType(spi).getType()));
  }

  @SuppressWarnings("unchecked")
  private static <T> TypeLiteral<PluginFactory<T>> factoryType(Class<T> spi) {
    return (TypeLiteral<PluginFactory<T>>)
        TypeLiteral.get(Types.newParameterizedType(PluginFactory.class, spi));
  }
}
