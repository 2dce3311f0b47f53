package dev.coderl4j.spark;

import com.google.inject.Guice;
import dev.coderl4j.core.CoreModule;
import dev.coderl4j.core.exec.ProgramRunner;
import dev.coderl4j.core.plugin.PluginResolver;
import dev.coderl4j.core.plugin.PluginSpec;
import dev.coderl4j.mbpp.MbppModule;
import dev.coderl4j.polyglot.PolyglotRunnerModule;

/**
 * What the test classes of this module share: Spark allows one context per JVM and a GraalPy pool
 * takes seconds to start, so one local[2] spark runner (and the plain graalpy runner it is compared
 * with) is made on first use and closed at exit.
 */
final class LocalSpark {
  /**
   * The inner runner of every test: GraalPy with two workers (the 2-core machine's default),
   * interpreted, since these tests are about what crosses Spark, and a JIT worker spends the first
   * seconds of a short suite compiling.
   */
  static final String INNER =
      "{\"type\": \"graalpy\", \"params\": {\"workers\": 2, \"compilation\": \"interpreter\"}}";

  private static SparkRunner spark;
  private static ProgramRunner graalpy;

  private LocalSpark() {}

  static PluginResolver resolver() {
    return Guice.createInjector(
            new CoreModule(), new SparkModule(), new PolyglotRunnerModule(), new MbppModule())
        .getInstance(PluginResolver.class);
  }

  static PluginSpec inner() {
    return new Wire().spec(INNER);
  }

  /** The spark runner on local[2] with small tasks, so that a few dozen jobs make many tasks. */
  static synchronized SparkRunner spark() {
    if (spark == null) {
      SparkRunner r = new SparkRunner(new SparkParams("local[2]", inner(), 4, null, null, null));
      Runtime.getRuntime().addShutdownHook(new Thread(r::close));
      spark = r;
    }
    return spark;
  }

  /** Stops the shared local context, for a test that needs a context of its own. */
  static synchronized void release() {
    if (spark != null) {
      spark.close();
      spark = null;
    }
  }

  /** The inner runner on its own, as {@code --runner graalpy} would make it. */
  static synchronized ProgramRunner graalpy() {
    if (graalpy == null) {
      ProgramRunner r = resolver().create(ProgramRunner.class, inner());
      Runtime.getRuntime().addShutdownHook(new Thread(r::close));
      graalpy = r;
    }
    return graalpy;
  }
}
