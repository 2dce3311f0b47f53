package dev.coderl4j.core.plugin;

/**
 * Builds one named plugin of type {@code T} from its params record.
 *
 * <p>Factories are bound with {@link Plugins#mapBinder} under their name and created by Guice, so
 * they can {@code @Inject} what the plugin needs (a runner, a tokenizer); the config supplies only
 * the params. Extend {@link ParamsFactory} rather than implementing this directly.
 *
 * @param <T> the extension point (an SPI interface in core)
 */
public interface PluginFactory<T> {

  /** The record Jackson reads {@code params} into; unknown keys are rejected. */
  Class<? extends Record> paramsType();

  /** Creates the plugin; {@code params} is an instance of {@link #paramsType()}. */
  T create(Record params);
}
