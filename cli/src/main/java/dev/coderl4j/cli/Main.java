package dev.coderl4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code coderl} command. Each subcommand lives in its own class and is listed here. */
@Command(
    name = "coderl",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "CodeRL (Le et al., NeurIPS 2022) in Java: run, train and evaluate code LMs.",
    subcommands = {
      // One line per subcommand.
      BenchCommand.class,
      dev.coderl4j.cli.exec.ExecCommand.class,
      dev.coderl4j.cli.lm.GenerateCommand.class,
      dev.coderl4j.cli.lm.LmCommand.class,
      dev.coderl4j.cli.train.TrainCommand.class,
      dev.coderl4j.cli.quickstart.QuickstartCommand.class,
      dev.coderl4j.cli.evaluate.EvaluateCommand.class,
      CommandLine.HelpCommand.class,
    })
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    int code = new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
    System.exit(code);
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
