package dev.coderl4j.evalplus;

import dev.coderl4j.core.benchmark.Completions;
import dev.coderl4j.core.benchmark.PromptFormat;
import dev.coderl4j.core.plugin.NoParams;
import dev.coderl4j.core.plugin.ParamsFactory;
import dev.coderl4j.core.problem.Problem;
import java.util.List;

/**
 * EvalPlus' completion rule: the model continues the task's prompt and the program is {@code prompt
 * + completion} (an MBPP+ prompt is only a docstring, so the completion holds the whole {@code
 * def}). Generation stops where a script would begin ({@code \nif __name__}, {@code \nprint(},
 * {@code \nassert}); a code fence, if any, is stripped first.
 */
public final class EvalPlusFormat implements PromptFormat {
  public static final String NAME = "evalplus";

  static final List<String> STOPS = List.of("\nif __name__", "\nprint(", "\nassert ");

  @Override
  public String prompt(Problem problem) {
    return problem.starterCode().isEmpty() ? problem.statement() : problem.starterCode();
  }

  @Override
  public List<String> stopSequences() {
    return STOPS;
  }

  @Override
  public String program(Problem problem, String completion) {
    return prompt(problem) + Completions.cutAtStops(Completions.stripCodeFence(completion), STOPS);
  }

  /** Builds {@code evalplus}. */
  public static final class Factory extends ParamsFactory<PromptFormat, NoParams> {
    public Factory() {
      super(NoParams.class);
    }

    @Override
    protected PromptFormat build(NoParams p) {
      return new EvalPlusFormat();
    }
  }
}
