package dev.coderl4j.cli.train;

import dev.coderl4j.cli.RunnerOptions;
import dev.coderl4j.cli.Wiring;
import dev.coderl4j.core.config.ConfigLoader;
import dev.coderl4j.core.config.RunConfig;
import dev.coderl4j.core.config.StagesConfig;
import dev.coderl4j.core.run.RunContext;
import dev.coderl4j.core.run.TrainPipeline;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code coderl train --config F}: runs the stages of a run config (§3.3, §4.1). */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Runs CodeRL's stages from a YAML config: warmstart, sample, critic, rl (those present).",
      "Each stage writes out/<stage>/ (checkpoints, metrics.jsonl, provenance.json, plots) and"
          + " resumes if interrupted."
    })
public final class TrainCommand implements Callable<Integer> {
  @Option(names = "--config", required = true, description = "The run config (see configs/).")
  Path config;

  @Option(
      names = "--set",
      description = "Override a config value: key.path=yaml, e.g. --set stages.rl.variant=B.")
  List<String> overrides = new ArrayList<>();

  @Option(
      names = "--stages",
      split = ",",
      description = "Run only these stages (of " + "warmstart,sample,critic,rl).")
  List<String> stages = new ArrayList<>();

  @Mixin RunnerOptions runner = new RunnerOptions();

  @Override
  public Integer call() {
    RunConfig cfg = load(config, overrides, runner);
    Set<String> only = new HashSet<>(stages);
    for (String s : only) {
      if (!StagesConfig.ORDER.contains(s)) {
        throw new IllegalArgumentException(
            "unknown stage '" + s + "'; stages are " + StagesConfig.ORDER);
      }
    }
    try (RunContext ctx = new RunContext(cfg, Wiring.injector())) {
      ctx.validate();
      List<TrainPipeline.StageReport> reports = new TrainPipeline(ctx, System.out).run(only);
      System.out.print(TrainPipeline.table(reports));
    }
    return 0;
  }

  /**
   * Reads a run config with {@code --set} overrides, then the runner options laid over its runner.
   */
  static RunConfig load(Path file, List<String> overrides, RunnerOptions runner) {
    ConfigLoader loader = new ConfigLoader();
    RunConfig cfg = loader.load(file, overrides);
    if (!runner.given()) {
      return cfg;
    }
    List<String> all = new ArrayList<>(overrides);
    all.add(runner.configOverride(cfg.runner()));
    return loader.load(file, all);
  }
}
