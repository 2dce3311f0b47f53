package dev.coderl4j.mbpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coderl4j.core.benchmark.DataFormatException;
import dev.coderl4j.core.problem.Problem;
import dev.coderl4j.core.problem.TestSuite;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class HumanEvalLoaderTest {

  @Test
  void readsAll164GzippedProblems() {
    List<Problem> all =
        HumanEvalLoader.read(Bundled.open("", Bundled.HUMANEVAL), "HumanEval.jsonl.gz");
    assertEquals(164, all.size());
    assertEquals("HumanEval/0", all.getFirst().id());
    assertEquals("HumanEval/163", all.getLast().id());
    for (Problem p : all) {
      TestSuite.Asserts hidden = (TestSuite.Asserts) p.hiddenTests();
      assertEquals(
          List.of("check(" + p.metadata().get(HumanEvalLoader.ENTRY_POINT) + ")"),
          hidden.asserts());
      assertTrue(hidden.setup().contains("def check("));
      assertTrue(p.solutions().getFirst().startsWith(p.statement()));
      assertEquals(0, p.exampleTests().size());
    }
  }

  @Test
  void readsPlainJsonLinesAndRejectsBadRecords() {
    String rec =
        "{\"task_id\": \"HumanEval/7\", \"prompt\": \"def f():\\n"
            + "\", \"entry_point\": \"f\", \"canonical_solution\": \"    return 1\\n"
            + "\", \"test\": \"def check(c):\\n"
            + "    assert c() == 1\\n"
            + "\"}";
    List<Problem> one =
        HumanEvalLoader.read(
            new ByteArrayInputStream(rec.getBytes(StandardCharsets.UTF_8)), "h.jsonl");
    assertEquals("HumanEval/7", one.getFirst().id());
    DataFormatException e =
        assertThrows(
            DataFormatException.class,
            () ->
                HumanEvalLoader.read(
                    new ByteArrayInputStream(
                        rec.replace("\"f\", \"canon", "\"f()\", \"canon")
                            .getBytes(StandardCharsets.UTF_8)),
                    "h.jsonl"));
    assertTrue(
        e.getMessage().startsWith("h.jsonl:1: field 'entry_point' must be a Python identifier"),
        e.getMessage());
  }
}
