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

  /**
   * Reopens what a plugin of this factory saved to {@code checkpoint} (e.g. with {@link
   * dev.coderl4j.core.lm.Actor#save}), with the settings of {@code params} that a checkpoint does
   * not hold (device, optimiser, limits); the checkpoint's weights replace those {@code params}
   * name. Part of the contract of the extension points whose plugins save state ({@code Actor},
   * {@code Critic}: a stage continues from what the previous one saved); for the others there is
   * nothing to reopen and this refuses.
   */
  default T reopen(Record params, java.nio.file.Path checkpoint) {
    throw new UnsupportedOperationException(
        getClass().getName() + " saves no checkpoints, so it cannot reopen " + checkpoint);
  }
}
