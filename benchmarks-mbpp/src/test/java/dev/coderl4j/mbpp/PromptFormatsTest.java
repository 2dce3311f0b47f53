package dev.coderl4j.mbpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coderl4j.core.plugin.NoParams;
import dev.coderl4j.core.problem.Problem;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PromptFormatsTest {
  private final Map<String, Problem> mbpp =
      MbppLoaderTest.full().stream().collect(Collectors.toMap(Problem::id, Function.identity()));

  @Test
  void mbppAsAnAppsCallBasedQuestion() {
    Problem p = mbpp.get("mbpp/11");
    String prompt = new MbppAppsFormat().prompt(p);
    assertTrue(
        prompt.startsWith(
            "\nQUESTION:\nWrite a python function to remove first and last occurrence"),
        prompt);
    assertTrue(
        prompt.endsWith(
            "assert remove_Occ(\"PHP\",\"P\") == \"H\"\nUse Call-Based format\nANSWER:\n"),
        prompt);
    assertEquals(
        "def f():\n    pass\n",
        new MbppAppsFormat().program(p, "Sure:\n```python\r\ndef f():\r\n    pass\r\n```\n"));
  }

  @Test
  void austinFewShotUsesTasks2To4AndStopsAtDone() {
    MbppFewShotFormat f =
        (MbppFewShotFormat)
            new MbppFewShotFormat.Factory().create(new MbppFewShotFormat.Params(null, null));
    String prompt = f.prompt(mbpp.get("mbpp/11"));
    String header = "You are an expert Python programmer, and here is your task: ";
    assertEquals(4, prompt.split(java.util.regex.Pattern.quote(header), -1).length - 1);
    assertTrue(
        prompt.startsWith(
            header
                + mbpp.get("mbpp/2").statement()
                + " Your code should pass these tests:\n\nassert "));
    assertEquals(3, prompt.split("\\[DONE\\]", -1).length - 1);
    assertTrue(
        prompt.endsWith(
            "Your code should pass these tests:\n\n"
                + String.join(
                    "\n",
                    ((dev.coderl4j.core.problem.TestSuite.Asserts)
                            mbpp.get("mbpp/11").exampleTests())
                        .asserts())
                + "\n[BEGIN]\n"));
    assertEquals(
        "def g():\n  return 2\n",
        f.program(mbpp.get("mbpp/11"), "\ndef g():\n  return 2\n[DONE]\nYou are an expert"));
    assertEquals(List.of("[DONE]"), f.stopSequences());
    assertThrows(
        IllegalArgumentException.class, () -> new MbppFewShotFormat.Params(List.of(11), ""));
  }

  @Test
  void humanEvalAppendsTheCompletionCutAtCodexStops() {
    Problem p = HumanEvalLoader.read(Bundled.open("", Bundled.HUMANEVAL), "he").getFirst();
    HumanEvalFormat f = (HumanEvalFormat) new HumanEvalFormat.Factory().create(new NoParams());
    assertEquals(p.statement(), f.prompt(p));
    assertEquals(
        p.statement() + "    return True\n",
        f.program(p, "    return True\n\ndef unrelated():\n    pass\n"));
    assertEquals(
        p.statement() + "    return True",
        f.program(p, "    return True\nif __name__ == '__main__':\n    print(1)"));
  }
}
