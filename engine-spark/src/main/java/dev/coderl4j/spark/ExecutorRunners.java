package dev.coderl4j.spark;

import com.google.inject.Guice;
import dev.coderl4j.core.CoreModule;
import dev.coderl4j.core.exec.ProgramRunner;
import dev.coderl4j.core.plugin.PluginModule;
import dev.coderl4j.core.plugin.PluginResolver;
import dev.coderl4j.core.plugin.PluginSpec;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.api.plugin.DriverPlugin;
import org.apache.spark.api.plugin.ExecutorPlugin;
import org.apache.spark.api.plugin.SparkPlugin;

/**
 * The inner runners of one executor JVM: each is made on the first task that needs it and reused by
 * every later task, and all are closed when the executor stops.
 *
 * <p>This is the one piece of static state in the project, on purpose: Spark deserialises a new
 * copy of a task's code for every task, and the executor JVM is the only thing that outlives them.
 * Starting a GraalPy worker pool per task would cost seconds each time. The map is closed by {@link
 * Plugin}, which Spark calls when the executor (in local mode: the context) stops.
 */
final class ExecutorRunners {
  private static final Map<String, ProgramRunner> RUNNERS = new ConcurrentHashMap<>();

  private ExecutorRunners() {}

  /** The runner {@code specJson} names, made on first use in this JVM. */
  static ProgramRunner get(String specJson) {
    return RUNNERS.computeIfAbsent(specJson, ExecutorRunners::create);
  }

  private static ProgramRunner create(String specJson) {
    PluginSpec spec = new Wire().spec(specJson);
    List<com.google.inject.Module> modules = new ArrayList<>();
    modules.add(new CoreModule());
    modules.addAll(PluginModule.discover(ExecutorRunners.class.getClassLoader()));
    PluginResolver resolver = Guice.createInjector(modules).getInstance(PluginResolver.class);
    ProgramRunner runner = resolver.create(ProgramRunner.class, spec);
    requireOnClassPath(runner.getClass());
    return runner;
  }

  /**
   * A runner that starts worker processes (GraalPy) starts them with this JVM's class path. A Spark
   * executor loads the application jar in a class loader of its own, not from that class path, so
   * the workers would not find their classes: say how to fix it instead.
   */
  private static void requireOnClassPath(Class<?> type) {
    Path jar;
    try {
      var source = type.getProtectionDomain().getCodeSource();
      if (source == null) {
        return;
      }
      jar = Path.of(source.getLocation().toURI()).toAbsolutePath().normalize();
    } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
      return;
    }
    for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
      if (!entry.isEmpty() && Path.of(entry).toAbsolutePath().normalize().equals(jar)) {
        return;
      }
    }
    throw new IllegalStateException(
        "the executor's class path lacks "
            + jar
            + ", which the "
            + type.getSimpleName()
            + "'s worker processes need: run with --conf spark.executor.extraClassPath=PATH where"
            + " PATH is where coderl-spark.jar is on every worker node (docs/scale-out.md)");
  }

  /** Closes every runner of this JVM. */
  static void closeAll() {
    for (String key : List.copyOf(RUNNERS.keySet())) {
      ProgramRunner r = RUNNERS.remove(key);
      if (r != null) {
        r.close();
      }
    }
  }

  /**
   * The Spark plugin ({@code spark.plugins}) that closes the runners when an executor stops, so
   * that their worker processes do not outlive it.
   */
  public static final class Plugin implements SparkPlugin {
    @Override
    public DriverPlugin driverPlugin() {
      return null;
    }

    @Override
    public ExecutorPlugin executorPlugin() {
      return new ExecutorPlugin() {
        @Override
        public void shutdown() {
          closeAll();
        }
      };
    }
  }
}
