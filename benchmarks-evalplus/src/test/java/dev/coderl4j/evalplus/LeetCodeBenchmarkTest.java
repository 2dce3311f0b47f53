package dev.coderl4j.evalplus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coderl4j.core.exec.ExecutionResult;
import dev.coderl4j.core.exec.ProgramRunner;
import dev.coderl4j.core.problem.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * LeetCodeDataset on fixtures of each split: the schemas, the "Meidum" typo, and the references
 * (one importing sortedcontainers, and word-ladder-ii, compared order-free) passing under GraalPy.
 */
class LeetCodeBenchmarkTest {
  private final LeetCodeBenchmark test = Fixtures.leetcode("test", "leetcode-test-sample.jsonl.gz");
  private final LeetCodeBenchmark train =
      Fixtures.leetcode("train", "leetcode-train-sample.jsonl.gz");
  private final LeetCodeBenchmark old =
      Fixtures.leetcode("v0.2.0-test", "leetcode-v020-test-sample.jsonl.gz");

  @Test
  void readsBothSchemasAndTheTypo() {
    Fixtures.assumePython();
    assertEquals(3, test.problems().size());
    assertEquals(Optional.of("Medium"), old.problems().getFirst().difficulty(), "Meidum is Medium");
    Problem twoSum = train.problems().getFirst();
    assertEquals("two-sum", twoSum.id());
    assertEquals(Optional.of("Easy"), twoSum.difficulty());
    assertTrue(twoSum.statement().contains("target"), "v0.2.0 keeps the statement in meta");
    assertTrue(twoSum.starterCode().contains("class Solution"));
    assertEquals("two-sum", train.problemId("leetcode/two-sum"));
  }

  @Test
  void referencesPassAndAWrongAnswerFails() {
    Fixtures.assumePython();
    List<Problem> ps = new ArrayList<>(test.problems());
    ps.addAll(train.problems());
    assertTrue(
        ps.stream()
            .anyMatch(
                p -> p.metadata().get(LeetCodeBenchmark.PREAMBLE).contains("sortedcontainers")),
        "the fixture has a problem importing sortedcontainers");
    try (ProgramRunner r = Runners.runner("graalpy", 2, test)) {
      for (Problem p : ps) {
        LeetCodeBenchmark b = p.metadata().get("split").equals("train") ? train : test;
        ExecutionResult ok = r.run(b.job(p.id(), p, p.solutions().getFirst(), p.hiddenTests()));
        assertTrue(ok.passed(), p.id() + ": " + ok);
      }
      Problem p = ps.getFirst();
      String wrong = p.solutions().getFirst().replaceFirst("return ", "return 1 + 0 * ");
      ExecutionResult bad = r.run(test.job("w", p, wrong, p.hiddenTests()));
      assertFalse(bad.passed(), bad.toString());
    }
  }
}
