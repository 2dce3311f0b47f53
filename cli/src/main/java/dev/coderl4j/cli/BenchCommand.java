package dev.coderl4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code coderl bench ...}: benchmarks that report speed as ratios against a baseline in the same
 * run.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks; each reports ratios against a baseline measured in the same run.",
    subcommands = {
      // One line per benchmark subcommand.
      dev.coderl4j.cli.lm.BenchLmCommand.class,
      dev.coderl4j.cli.exec.BenchExecCommand.class,
      dev.coderl4j.cli.evalplus.BenchEvalPlusCommand.class,
    })
public final class BenchCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
