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
  private Wiring() {}

  /** Core plus all discovered plugin modules plus {@code extra}. */
  public static Injector injector(Module... extra) {
    List<Module> modules = new ArrayList<>();
    modules.add(new CoreModule());
    modules.addAll(PluginModule.discover(Wiring.class.getClassLoader()));
    modules.addAll(List.of(extra));
    return Guice.createInjector(modules);
  }
}
