package dev.coderl4j.cli.benchmark;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code coderl benchmark}: the commands that make or write out benchmarks. */
@Command(
    name = "benchmark",
    mixinStandardHelpOptions = true,
    description =
        "Generate a benchmark from a seed, or export any benchmark's problems as JSON Lines.",
    subcommands = {GenerateBenchmarkCommand.class, ExportBenchmarkCommand.class})
public final class BenchmarkCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
