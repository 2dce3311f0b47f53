package dev.coderl4j.list;

import dev.coderl4j.core.benchmark.Completions;
import dev.coderl4j.core.benchmark.PromptFormat;
import dev.coderl4j.core.plugin.NoParams;
import dev.coderl4j.core.plugin.ParamsFactory;
import dev.coderl4j.core.problem.Problem;
import java.util.List;

/**
 * A list-programs problem in CodeRL's APPS prompt for call-based questions ({@code generate.py}'s
 * {@code generate_prompt}, §4): {@code "\nQUESTION:\n" + statement + "\nUse Call-Based
 * format\nANSWER:\n"}. The statement already shows the example asserts, as APPS statements show
 * their examples; the model writes the whole program and stops at its end token.
 */
public final class ListProgramsFormat implements PromptFormat {
  public static final String NAME = ListPrograms.NAME;

  @Override
  public String prompt(Problem problem) {
    return "\nQUESTION:\n" + problem.statement() + "\nUse Call-Based format\nANSWER:\n";
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

  /** Builds {@code list-programs}. */
  public static final class Factory extends ParamsFactory<PromptFormat, NoParams> {
    public Factory() {
      super(NoParams.class);
    }

    @Override
    protected PromptFormat build(NoParams p) {
      return new ListProgramsFormat();
    }
  }
}
