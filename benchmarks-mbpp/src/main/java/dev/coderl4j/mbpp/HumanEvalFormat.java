package dev.coderl4j.mbpp;

import dev.coderl4j.core.benchmark.Completions;
import dev.coderl4j.core.benchmark.PromptFormat;
import dev.coderl4j.core.plugin.NoParams;
import dev.coderl4j.core.plugin.ParamsFactory;
import dev.coderl4j.core.problem.Problem;
import java.util.List;

/**
 * HumanEval's prompt completion (Chen et al. 2021): the model continues the signature and
 * docstring; the program is the prompt plus the completion (from its first code fence, if any) cut
 * at Codex's stop sequences ({@code \nclass}, {@code \ndef}, {@code \n#}, {@code \nif}, {@code
 * \nprint}).
 */
public final class HumanEvalFormat implements PromptFormat {
  public static final String NAME = "humaneval";

  /** The stop sequences of the Codex paper (§2.3 of Chen et al. 2021). */
  public static final List<String> STOPS = List.of("\nclass", "\ndef", "\n#", "\nif", "\nprint");

  @Override
  public String prompt(Problem problem) {
    if (problem.starterCode().isEmpty()) {
      throw new IllegalArgumentException(
          NAME + " continues a problem's code prompt, and " + problem.id() + " has none");
    }
    return problem.starterCode();
  }

  @Override
  public List<String> stopSequences() {
    return STOPS;
  }

  @Override
  public String program(Problem problem, String completion) {
    return prompt(problem) + Completions.cutAtStops(Completions.stripCodeFence(completion), STOPS);
  }

  /** Builds {@code humaneval}. */
  public static final class Factory extends ParamsFactory<PromptFormat, NoParams> {
    public Factory() {
      super(NoParams.class);
    }

    @Override
    protected PromptFormat build(NoParams p) {
      return new HumanEvalFormat();
    }
  }
}
