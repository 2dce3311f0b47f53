package dev.coderl4j.evalplus;

import dev.coderl4j.core.benchmark.Completions;
import dev.coderl4j.core.benchmark.PromptFormat;
import dev.coderl4j.core.plugin.NoParams;
import dev.coderl4j.core.plugin.ParamsFactory;
import dev.coderl4j.core.problem.Problem;
import java.util.List;

/**
 * LeetCodeDataset as APPS-style questions for CodeRL (§4): the statement, then the starter code the
 * answer must complete, under CodeRL's {@code QUESTION:} / {@code ANSWER:} headings; the model
 * writes the whole {@code class Solution}, which is the program (the benchmark's job puts the
 * dataset's imports and helpers in front). A code fence, if any, is stripped.
 */
public final class LeetCodeFormat implements PromptFormat {
  public static final String NAME = "leetcode";

  static final List<String> STOPS = List.of("\nQUESTION:", "\nif __name__");

  @Override
  public String prompt(Problem problem) {
    return "\nQUESTION:\n"
        + problem.statement().strip()
        + "\n"
        + problem.starterCode().strip()
        + "\nUse Call-Based format\nANSWER:\n";
  }

  @Override
  public List<String> stopSequences() {
    return STOPS;
  }

  @Override
  public String program(Problem problem, String completion) {
    return Completions.cutAtStops(Completions.stripCodeFence(completion), STOPS);
  }

  /** Builds {@code leetcode}. */
  public static final class Factory extends ParamsFactory<PromptFormat, NoParams> {
    public Factory() {
      super(NoParams.class);
    }

    @Override
    protected PromptFormat build(NoParams p) {
      return new LeetCodeFormat();
    }
  }
}
