package dev.coderl4j.core.plugin;

import com.google.inject.Module;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * A Guice module that contributes named plugins; found on the classpath with {@link ServiceLoader}.
 *
 * <p>A plugin jar lists its modules in {@code
 * META-INF/services/dev.coderl4j.core.plugin.PluginModule}. Tests install modules explicitly
 * instead.
 */
public interface PluginModule extends Module {

  /** Every plugin module on the classpath of {@code loader}. */
  static List<PluginModule> discover(ClassLoader loader) {
    List<PluginModule> modules = new ArrayList<>();
    ServiceLoader.load(PluginModule.class, loader).forEach(modules::add);
    return modules;
  }
}
