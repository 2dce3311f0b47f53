package dev.coderl4j.core.plugin;

import java.util.Set;
import java.util.TreeSet;

/** A config names a plugin that no loaded module registered. */
public final class UnknownPluginException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public UnknownPluginException(Class<?> spi, String name, Set<String> known) {
    super(
        "Unknown "
            + spi.getSimpleName()
            + " ["
            + name
            + "]; known: "
            + new TreeSet<>(known)
            + ". Fix the 'type' in your config, or add the module that provides it to the"
            + " classpath.");
  }
}
