package dev.coderl4j.core.plugin;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.google.inject.ConfigurationException;
import com.google.inject.Inject;
import com.google.inject.Injector;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns a {@link PluginSpec} into a plugin: looks the name up at run time (Druid's {@code
 * PolyBind}), reads the params into the plugin's record, and lets the factory build it.
 */
public final class PluginResolver {
  private final Injector injector;
  private final ObjectMapper mapper;

  @Inject
  public PluginResolver(Injector injector) {
    this.injector = injector;
    this.mapper =
        new ObjectMapper()
            .registerModule(new Jdk8Module())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
  }

  /** The registered names for {@code spi}. */
  public <T> Set<String> names(Class<T> spi) {
    return new TreeSet<>(factories(spi).keySet());
  }

  /** Creates the plugin the spec names; fails with the known names when the name is unknown. */
  public <T> T create(Class<T> spi, PluginSpec spec) {
    Map<String, PluginFactory<T>> factories = factories(spi);
    PluginFactory<T> factory = factories.get(spec.type());
    if (factory == null) {
      throw new UnknownPluginException(spi, spec.type(), factories.keySet());
    }
    Record params = readParams(spi, spec, factory.paramsType());
    return factory.create(params);
  }

  /**
   * Reopens a checkpoint that a plugin of the spec's name saved, with the spec's other settings
   * (see {@link PluginFactory#reopen}).
   */
  public <T> T reopen(Class<T> spi, PluginSpec spec, java.nio.file.Path checkpoint) {
    Map<String, PluginFactory<T>> factories = factories(spi);
    PluginFactory<T> factory = factories.get(spec.type());
    if (factory == null) {
      throw new UnknownPluginException(spi, spec.type(), factories.keySet());
    }
    return factory.reopen(readParams(spi, spec, factory.paramsType()), checkpoint);
  }

  /**
   * Reads the params of {@code spec} into {@code type}, with a message that says how to fix them.
   */
  public <P extends Record> P readParams(Class<?> spi, PluginSpec spec, Class<P> type) {
    try {
      return mapper.treeToValue(spec.params(), type);
    } catch (UnrecognizedPropertyException e) {
      throw new IllegalArgumentException(
          "Unknown parameter '"
              + e.getPropertyName()
              + "' for "
              + spi.getSimpleName()
              + " '"
              + spec.type()
              + "'; known parameters: "
              + knownParams(type),
          e);
    } catch (JsonMappingException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new IllegalArgumentException(
          "Bad params for "
              + spi.getSimpleName()
              + " '"
              + spec.type()
              + "': "
              + cause.getMessage().lines().findFirst().orElse("")
              + " (params: "
              + spec.params()
              + ")",
          e);
    } catch (IllegalArgumentException | com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(
          "Bad params for " + spi.getSimpleName() + " '" + spec.type() + "': " + e.getMessage(), e);
    }
  }

  private static Set<String> knownParams(Class<? extends Record> type) {
    Set<String> names = new TreeSet<>();
    for (var c : type.getRecordComponents()) {
      names.add(c.getName());
    }
    return names;
  }

  private <T> Map<String, PluginFactory<T>> factories(Class<T> spi) {
    try {
      return injector.getInstance(Plugins.mapKey(spi));
    } catch (ConfigurationException e) {
      return Map.of();
    }
  }
}
