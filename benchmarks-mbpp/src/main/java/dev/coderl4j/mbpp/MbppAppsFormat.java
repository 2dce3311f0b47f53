package dev.coderl4j.mbpp;

import dev.coderl4j.core.benchmark.Completions;
import dev.coderl4j.core.benchmark.PromptFormat;
import dev.coderl4j.core.plugin.NoParams;
import dev.coderl4j.core.plugin.ParamsFactory;
import dev.coderl4j.core.problem.Problem;
import dev.coderl4j.core.problem.TestSuite;
import java.util.List;

/**
 * MBPP as an APPS-style call-based question, for CodeRL's zero-shot transfer (§4.4): the statement
 * and its three asserts in CodeRL's APPS prompt ({@code \nQUESTION:\n...\nUse Call-Based
 * format\nANSWER:\n}). The model answers with a whole program, as it was trained to on APPS.
 */
public final class MbppAppsFormat implements PromptFormat {
  public static final String NAME = "mbpp-apps";

  @Override
  public String prompt(Problem problem) {
    if (!(problem.exampleTests() instanceof TestSuite.Asserts a)) {
      throw new IllegalArgumentException(
          NAME
              + " formats problems with assert tests (MBPP); "
              + problem.id()
              + " has "
              + problem.exampleTests().getClass().getSimpleName()
              + " tests: use coderl-apps");
    }
    return "\nQUESTION:\n"
        + problem.statement()
        + "\n"
        + String.join("\n", a.asserts())
        + "\nUse Call-Based format\nANSWER:\n";
  }

  @Override
  public List<String> stopSequences() {
    return List.of();
  }

  /** The completion, from its first code fence when it has one. */
  @Override
  public String program(Problem problem, String completion) {
    return Completions.unixNewlines(Completions.stripCodeFence(completion));
  }

  /** Builds {@code mbpp-apps}. */
  public static final class Factory extends ParamsFactory<PromptFormat, NoParams> {
    public Factory() {
      super(NoParams.class);
    }

    @Override
    protected PromptFormat build(NoParams p) {
      return new MbppAppsFormat();
    }
  }
}
