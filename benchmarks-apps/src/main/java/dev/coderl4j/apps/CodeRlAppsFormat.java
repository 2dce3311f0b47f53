package dev.coderl4j.apps;

import dev.coderl4j.core.benchmark.Completions;
import dev.coderl4j.core.benchmark.PromptFormat;
import dev.coderl4j.core.plugin.NoParams;
import dev.coderl4j.core.plugin.ParamsFactory;
import dev.coderl4j.core.problem.Problem;
import dev.coderl4j.core.problem.TestSuite;
import java.util.List;

/**
 * CodeRL's APPS prompt ({@code generate.py}'s {@code generate_prompt}): {@code "\nQUESTION:\n" +
 * question + ["\n" + starter_code] + "\nUse Standard Input format" | "\nUse Call-Based format" +
 * "\nANSWER:\n"}. The model writes a whole program and stops at its end token, so extraction only
 * unwraps a Markdown code fence.
 */
public final class CodeRlAppsFormat implements PromptFormat {
  public static final String NAME = "coderl-apps";

  @Override
  public String prompt(Problem problem) {
    StringBuilder sb = new StringBuilder("\nQUESTION:\n").append(problem.statement());
    if (!problem.starterCode().isEmpty()) {
      sb.append("\n").append(problem.starterCode());
    }
    boolean callBased =
        problem.hiddenTests() instanceof TestSuite.Call
            || (!(problem.hiddenTests() instanceof TestSuite.Stdin)
                && !problem.starterCode().isEmpty());
    sb.append(callBased ? "\nUse Call-Based format" : "\nUse Standard Input format");
    return sb.append("\nANSWER:\n").toString();
  }

  @Override
  public List<String> stopSequences() {
    return List.of();
  }

  @Override
  public String program(Problem problem, String completion) {
    return Completions.unixNewlines(Completions.stripCodeFence(completion));
  }

  /** Builds {@code coderl-apps}. */
  public static final class Factory extends ParamsFactory<PromptFormat, NoParams> {
    public Factory() {
      super(NoParams.class);
    }

    @Override
    protected PromptFormat build(NoParams p) {
      return new CodeRlAppsFormat();
    }
  }
}
