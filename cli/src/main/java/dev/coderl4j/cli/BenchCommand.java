package dev.coderl4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code coderl bench ...}: benchmarks that report speed as ratios against a baseline in the same
 * run. Each benchmark is a {@link dev.coderl4j.core.plugin.CommandContribution} of parent {@code
 * bench}, bound by the module whose engine it measures ({@code bench lm}: models-djl, {@code bench
 * exec}: polyglot-runner, {@code bench evalplus}: benchmarks-evalplus, {@code bench spark}:
 * engine-spark) and added by {@link Main#commandLine}.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks; each reports ratios against a baseline measured in the same run.")
public final class BenchCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
