package dev.coderl4j.core.plugin;

import java.util.Objects;

/**
 * A {@link PluginFactory} with a typed params record.
 *
 * @param <T> the extension point
 * @param <P> the params record; its compact constructor validates and its defaults are the paper's
 */
public abstract class ParamsFactory<T, P extends Record> implements PluginFactory<T> {
  private final Class<P> paramsType;

  protected ParamsFactory(Class<P> paramsType) {
    this.paramsType = Objects.requireNonNull(paramsType, "paramsType");
  }

  @Override
  public final Class<P> paramsType() {
    return paramsType;
  }

  @Override
  public final T create(Record params) {
    return build(paramsType.cast(params));
  }

  @Override
  public final T reopen(Record params, java.nio.file.Path checkpoint) {
    return reopenFrom(paramsType.cast(params), checkpoint);
  }

  /** Builds the plugin from validated params. */
  protected abstract T build(P params);

  /**
   * Reopens a checkpoint a plugin of this factory saved, with {@code params}' other settings; see
   * {@link PluginFactory#reopen(Record, java.nio.file.Path)}. Factories of plugins that save state
   * override it.
   */
  protected T reopenFrom(P params, java.nio.file.Path checkpoint) {
    return PluginFactory.super.reopen(params, checkpoint);
  }
}
