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
      dev.coderl4j.cli.benchmark.BenchmarkCommand.class,
      CommandLine.HelpCommand.class,
    })
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    CommandLine cli = new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExecutionExceptionHandler(Main::reportError);
    System.exit(cli.execute(args));
  }

  /**
   * Bad input (a missing file, malformed JSON, a wrong checkpoint shape) is the user's to fix:
   * print the message, not a stack trace; {@code CODERL_DEBUG=1} shows the trace too.
   */
  private static int reportError(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
    if (System.getenv("CODERL_DEBUG") != null) {
      e.printStackTrace(cmd.getErr());
    }
    if (e instanceof java.nio.file.NoSuchFileException missing) {
      cmd.getErr()
          .println(
              "coderl "
                  + cmd.getCommandName()
                  + ": no such file: "
                  + missing.getFile()
                  + " (check the path; relative paths are taken from the current directory)");
      return 2;
    }
    StringBuilder msg = new StringBuilder(String.valueOf(e.getMessage()));
    for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
      if (c.getMessage() != null && !msg.toString().contains(c.getMessage())) {
        msg.append("\n  caused by: ").append(c.getMessage());
      }
    }
    cmd.getErr()
        .println(
            "coderl " + cmd.getCommandName() + ": " + e.getClass().getSimpleName() + ": " + msg);
    cmd.getErr().println("(set CODERL_DEBUG=1 for the stack trace)");
    return 2;
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
