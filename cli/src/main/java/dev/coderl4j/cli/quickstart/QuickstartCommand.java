package dev.coderl4j.cli.quickstart;

import dev.coderl4j.cli.Wiring;
import dev.coderl4j.core.config.ConfigLoader;
import dev.coderl4j.core.config.RunConfig;
import dev.coderl4j.core.run.Quickstart;
import dev.coderl4j.core.run.RunContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code coderl quickstart [--out DIR]}: the run layer's {@link Quickstart} on {@code
 * configs/quickstart.yaml}: warm-start the embedded CodeT5 on MBPP's training split, sample and
 * execute, train the critics, run RL (variant D), then evaluate on a fixed subset of MBPP's test
 * split with plain sampling and with Critic Sampling, and write {@code DIR/report.json}.
 *
 * <p>The sizes live in the config; they are chosen to finish in minutes on two CPU cores, so the
 * numbers are small, but every one is measured.
 */
@Command(
    name = "quickstart",
    mixinStandardHelpOptions = true,
    description = {
      "CodeRL end to end on the embedded small CodeT5 and list-programs, on CPU (under 10"
          + " minutes on 2 cores; configs/quickstart.yaml).",
      "Writes DIR/report.json with pass@k of the warm-started and the RL actor, with and"
          + " without Critic Sampling, and the samples files under DIR/samples/."
    })
public final class QuickstartCommand implements Callable<Integer> {
  @Option(names = "--out", description = "Output directory (default: runs/quickstart).")
  Path out = Path.of("runs/quickstart");

  @Option(
      names = "--config",
      description = "The quick start's config (default: configs/quickstart.yaml).")
  Path config;

  @Option(names = "--set", description = "Override a config value: key.path=yaml.")
  List<String> overrides = new ArrayList<>();

  @Override
  public Integer call() {
    long start = System.nanoTime();
    Path cfgFile = config != null ? config : home().resolve("configs/quickstart.yaml");
    List<String> all = new ArrayList<>(overrides);
    all.add("out=" + out);
    RunConfig cfg = new ConfigLoader().load(cfgFile, all);
    try (RunContext ctx = new RunContext(cfg, Wiring.injector())) {
      ctx.validate();
      new Quickstart(ctx, System.out).run(start);
    }
    return 0;
  }

  private static Path home() {
    String h = System.getProperty("coderl.home");
    return h == null ? Path.of("") : Path.of(h);
  }
}
