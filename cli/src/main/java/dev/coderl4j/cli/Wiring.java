package dev.coderl4j.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import dev.coderl4j.core.CoreModule;
import dev.coderl4j.core.plugin.PluginModule;
import java.util.ArrayList;
import java.util.List;

/** Builds the injector from core and every plugin module found on the classpath. */
public final class Wiring {
  /** The injector {@link Main#main} made for this process, if it ran. */
  private static volatile Injector process;

  private Wiring() {}

  /**
   * Core plus all discovered plugin modules plus {@code extra}. Without {@code extra}, in a process
   * that {@link Main#main} started, it is the injector that found the contributed commands: one
   * injector per {@code coderl} run, as before commands were contributed.
   */
  public static Injector injector(Module... extra) {
    Injector shared = process;
    if (extra.length == 0 && shared != null) {
      return shared;
    }
    List<Module> modules = new ArrayList<>();
    modules.add(new CoreModule());
    modules.addAll(PluginModule.discover(Wiring.class.getClassLoader()));
    modules.addAll(List.of(extra));
    return Guice.createInjector(modules);
  }

  /** Makes this process's injector, which {@link #injector()} returns from now on. */
  static Injector forThisProcess() {
    process = injector();
    return process;
  }
}
