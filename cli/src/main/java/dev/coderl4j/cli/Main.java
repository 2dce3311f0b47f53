package dev.coderl4j.cli;

import com.google.inject.Injector;
import dev.coderl4j.core.plugin.CommandContribution;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code coderl} command. Each subcommand lives in its own class: the CLI's own are listed
 * here, the ones a module adds (e.g. {@code coderl lm}, {@code coderl bench exec}) are {@link
 * CommandContribution}s bound in its Guice module and added by {@link #commandLine} at start-up.
 */
@Command(
    name = "coderl",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "CodeRL (Le et al., NeurIPS 2022) in Java: run, train and evaluate code LMs.",
    subcommands = {
      // One line per subcommand of the CLI's own; modules contribute theirs through Guice.
      BenchCommand.class,
      dev.coderl4j.cli.exec.ExecCommand.class,
      dev.coderl4j.cli.lm.GenerateCommand.class,
      dev.coderl4j.cli.train.TrainCommand.class,
      dev.coderl4j.cli.quickstart.QuickstartCommand.class,
      dev.coderl4j.cli.evaluate.EvaluateCommand.class,
      dev.coderl4j.cli.benchmark.BenchmarkCommand.class,
    })
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    CommandLine cli = commandLine(Wiring.forThisProcess());
    cli.setExecutionExceptionHandler(Main::reportError);
    System.exit(cli.execute(args));
  }

  /**
   * The whole command line: the CLI's own subcommands, then the ones the modules of {@code
   * injector} contribute (by command path), then {@code help}.
   */
  public static CommandLine commandLine(Injector injector) {
    CommandLine cli = new CommandLine(new Main());
    addContributions(cli, injector.getInstance(CommandContribution.mapKey()).values(), injector);
    cli.addSubcommand("help", new CommandLine.HelpCommand());
    return cli.setCaseInsensitiveEnumValuesAllowed(true);
  }

  /**
   * Adds each contribution under its parent, in the order of their command paths; a parent that is
   * neither the top level nor one of the CLI's command groups fails, naming the known ones.
   */
  static void addContributions(
      CommandLine root, Collection<CommandContribution> contributions, Injector injector) {
    Map<String, CommandLine> parents = new LinkedHashMap<>();
    parents.put(CommandContribution.TOP_LEVEL, root);
    parents.put("bench", root.getSubcommands().get("bench"));
    List<CommandContribution> sorted = new ArrayList<>(contributions);
    sorted.sort(Comparator.comparing(CommandContribution::path));
    for (CommandContribution c : sorted) {
      CommandLine parent = parents.get(c.parent());
      if (parent == null) {
        throw new IllegalArgumentException(
            "command contribution '"
                + c.path()
                + "' names an unknown parent '"
                + c.parent()
                + "'; known parents: \"\" (top level), "
                + String.join(", ", parents.keySet().stream().skip(1).toList()));
      }
      parent.addSubcommand(c.name(), c.create(injector));
    }
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
