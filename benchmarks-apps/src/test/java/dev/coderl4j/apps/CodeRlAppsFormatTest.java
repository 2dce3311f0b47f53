package dev.coderl4j.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.coderl4j.core.problem.Problem;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CodeRlAppsFormatTest {
  private final Map<String, Problem> train =
      AppsFolderLoader.readBundledTrain().problems().stream()
          .collect(Collectors.toMap(Problem::id, p -> p));
  private final CodeRlAppsFormat format = new CodeRlAppsFormat();

  /** The exact string CodeRL's generate_prompt builds from the same files. */
  @Test
  void standardInputPrompt() {
    Problem p = train.get("apps/train/0001");
    assertEquals(
        "\nQUESTION:\n" + p.statement() + "\nUse Standard Input format\nANSWER:\n",
        format.prompt(p));
  }

  @Test
  void callBasedPromptCarriesTheStarterCode() {
    Problem p = train.get("apps/train/2404");
    assertEquals(
        "\nQUESTION:\n"
            + p.statement()
            + "\n"
            + p.starterCode()
            + "\nUse Call-Based format\nANSWER:\n",
        format.prompt(p));
  }

  @Test
  void programIsTheCompletionUnfenced() {
    Problem p = train.get("apps/train/0001");
    assertEquals("print(1)\n", format.program(p, "```python\nprint(1)\n```"));
    assertEquals("x = 1\nprint(x)", format.program(p, "x = 1\r\nprint(x)"));
  }
}
