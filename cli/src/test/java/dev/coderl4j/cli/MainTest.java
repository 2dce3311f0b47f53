package dev.coderl4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coderl4j.core.plugin.CommandContribution;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line: the modules' contributed commands are added under their parents. */
class MainTest {
  private static String help(String... args) {
    StringWriter out = new StringWriter();
    CommandLine cli = Main.commandLine(Wiring.injector());
    cli.setOut(new PrintWriter(out));
    assertEquals(0, cli.execute(args));
    return out.toString();
  }

  @Test
  void benchAndTopLevelHelpListTheContributedCommands() {
    String bench = help("bench", "--help");
    for (String name : List.of("lm", "exec", "evalplus")) {
      assertTrue(bench.lines().anyMatch(l -> l.startsWith("  " + name + " ")), bench);
    }
    String top = help("--help");
    assertTrue(top.lines().anyMatch(l -> l.startsWith("  lm ")), top);
    assertTrue(top.lines().anyMatch(l -> l.startsWith("  help ")), top);
    assertTrue(help("lm", "--help").contains("forward"));
    assertTrue(help("bench", "exec", "--help").startsWith("Usage: coderl bench exec "));
  }

  @Test
  void anUnknownParentFailsNamingTheKnownParents() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Main.addContributions(
                    new CommandLine(new Main()),
                    List.of(new CommandContribution("train", "extra", injector -> new Object())),
                    null));
    assertEquals(
        "command contribution 'train extra' names an unknown parent 'train'; known parents: \"\""
            + " (top level), bench",
        e.getMessage());
  }
}
