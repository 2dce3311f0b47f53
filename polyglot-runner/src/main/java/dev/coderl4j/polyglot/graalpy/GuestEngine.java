package dev.coderl4j.polyglot.graalpy;

import org.graalvm.polyglot.Engine;

/**
 * The worker's one Truffle engine for Python (§3.3's execution, under GraalPy): built with the
 * worker's options and checked to run compiled when the JIT was asked for.
 */
final class GuestEngine {
  /** The Truffle runtime's name without the JIT. */
  static final String INTERPRETED = "Interpreted";

  static final String JIT_MISSING =
      "GraalPy is running without the Graal JIT (Truffle reports an interpreted runtime), which is"
          + " 5-10x slower than CPython on loops and would turn correct programs into timeouts."
          + " Start the JVM with -XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI"
          + " --upgrade-module-path=<dir> where <dir> holds org.graalvm.compiler:compiler,"
          + " org.graalvm.truffle:truffle-compiler, org.graalvm.sdk:collections and"
          + " org.graalvm.sdk:word (25.0.1); ./coderl and the Maven build do this with"
          + " target/jvmci. Or choose compilation: interpreter explicitly.";

  private GuestEngine() {}

  /**
   * Builds the worker's one engine, shared by its lanes' runtimes (and so their compiled code);
   * refuses to run interpreted when the JIT was asked for.
   */
  static Engine create(WorkerConfig cfg) {
    Engine.Builder b =
        Engine.newBuilder("python")
            .allowExperimentalOptions(true)
            .option("engine.WarnInterpreterOnly", "false");
    cfg.engineOptions().forEach(b::option);
    Engine engine = build(b, cfg.compilation());
    if (cfg.compilation() == GraalPyParams.Compilation.JIT
        && INTERPRETED.equals(engine.getImplementationName())) {
      engine.close();
      throw new IllegalStateException(JIT_MISSING);
    }
    return engine;
  }

  /**
   * Builds the engine. Interpreted means either Truffle's fallback runtime (no JVMCI: the option
   * that turns compilation off does not exist there) or the optimizing runtime with compilation
   * off.
   */
  private static Engine build(Engine.Builder b, GraalPyParams.Compilation compilation) {
    return switch (compilation) {
      case JIT -> b.build();
      case INTERPRETER -> {
        Engine probe = b.build();
        if (INTERPRETED.equals(probe.getImplementationName())) {
          yield probe;
        }
        probe.close();
        yield b.option("engine.Compilation", "false").build();
      }
    };
  }
}
