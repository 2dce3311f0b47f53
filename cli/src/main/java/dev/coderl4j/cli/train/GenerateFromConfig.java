package dev.coderl4j.cli.train;

import dev.coderl4j.cli.RunnerOptions;
import dev.coderl4j.cli.Wiring;
import dev.coderl4j.core.config.GenerateConfig;
import dev.coderl4j.core.config.RunConfig;
import dev.coderl4j.core.run.RunContext;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code coderl generate --config F}: picocli's side of the run layer's {@link
 * dev.coderl4j.core.run.GenerateFromConfig}, which writes the samples file that {@code coderl
 * evaluate} scores.
 */
public final class GenerateFromConfig {
  private GenerateFromConfig() {}

  /** Generates as {@code stages.generate} of the config says and prints where the samples are. */
  public static int runCommand(Path configFile, List<String> overrides, PrintStream log) {
    return runCommand(configFile, overrides, new RunnerOptions(), log);
  }

  /** The same, with the runner (for Critic Sampling's example tests) overridden by options. */
  public static int runCommand(
      Path configFile, List<String> overrides, RunnerOptions runner, PrintStream log) {
    RunConfig cfg = TrainCommand.load(configFile, overrides, runner);
    GenerateConfig gen = cfg.stages().generate();
    if (gen == null) {
      throw new IllegalArgumentException(
          configFile + ": --config needs a stages.generate section (see configs/generate.yaml)");
    }
    try (RunContext ctx = new RunContext(cfg, Wiring.injector())) {
      ctx.validate();
      var r = dev.coderl4j.core.run.GenerateFromConfig.run(ctx, gen, log);
      log.printf(
          Locale.ROOT,
          "%d problems, %d tokens in %.1f s -> %s%n",
          r.problems().size(),
          r.tokens(),
          r.seconds(),
          r.samplesFile());
    }
    return 0;
  }
}
