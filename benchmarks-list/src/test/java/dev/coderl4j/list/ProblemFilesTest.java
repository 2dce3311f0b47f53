package dev.coderl4j.list;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.coderl4j.core.benchmark.DataFormatException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A malformed split file is refused with the file, the line and the field. */
class ProblemFilesTest {
  private static final String GOOD =
      "{\"task_id\":\"list-programs/test/0\",\"split\":\"test\",\"difficulty\":\"introductory\","
          + "\"steps\":[\"sum\"],\"fn_name\":\"solve\",\"statement\":\"s\","
          + "\"canonical_solution\":\"def solve(xs):\\n    return sum(xs)\\n\","
          + "\"example_tests\":[\"assert solve([1]) == 1\"],"
          + "\"hidden_tests\":[\"assert solve([2]) == 2\"],\"frame\":0,\"phrasings\":[0]}";

  private static String error(String line) {
    return assertThrows(
            DataFormatException.class,
            () ->
                ProblemFiles.parse(
                    new ByteArrayInputStream((GOOD + "\n" + line).getBytes(StandardCharsets.UTF_8)),
                    "test.jsonl",
                    "test"))
        .getMessage();
  }

  @Test
  void readsAGoodLine() {
    var ps =
        ProblemFiles.parse(
            new ByteArrayInputStream(GOOD.getBytes(StandardCharsets.UTF_8)), "test.jsonl", "test");
    assertEquals("sum", ps.getFirst().metadata().get(ListPrograms.STEPS));
  }

  @Test
  void namesTheFileLineAndField() {
    assertEquals("test.jsonl:2: field 'task_id' repeats list-programs/test/0", error(GOOD));
    assertEquals(
        "test.jsonl:2: field 'steps' Unknown list-programs step 'summ'",
        error(
            GOOD.replace("list-programs/test/0", "list-programs/test/1")
                .replace("[\"sum\"]", "[\"summ\"]")));
    assertEquals(
        "test.jsonl:2: field 'difficulty' is interview but a program of 1 steps is"
            + " introductory",
        error(GOOD.replace("test/0", "test/1").replace("introductory", "interview")));
    assertEquals(
        "test.jsonl:2: field 'hidden_tests' is empty: every problem has hidden tests",
        error(GOOD.replace("test/0", "test/1").replace("[\"assert solve([2]) == 2\"]", "[]")));
    assertEquals(
        "test.jsonl:2: field 'split' is 'train' in the file of split test",
        error(
            GOOD.replace("test/0", "test/1").replace("\"split\":\"test\"", "\"split\":\"train\"")));
  }
}
