package dev.coderl4j.list;

import dev.coderl4j.core.benchmark.Completions;
import dev.coderl4j.core.benchmark.PromptFormat;
import dev.coderl4j.core.plugin.ParamsFactory;
import dev.coderl4j.core.problem.Problem;
import java.util.List;

/**
 * A list-programs problem in CodeRL's APPS prompt for call-based questions ({@code generate.py}'s
 * {@code generate_prompt}, §4): {@code "\nQUESTION:\n" + statement + "\nUse Call-Based
 * format\nANSWER:\n"}. The statement shows the example asserts, as APPS statements show their
 * examples; the model writes the whole program and stops at its end token.
 *
 * <p>{@code examples: false} leaves the examples out of the prompt (they still decide Critic
 * Sampling's filter): for the embedded 6.8M actor they are 60% of the prompt's tokens, and at the
 * quick start's budget it learns to read the statement faster without them (docs/benchmarks.md).
 */
public final class ListProgramsFormat implements PromptFormat {
  public static final String NAME = ListPrograms.NAME;

  /** Where a statement's examples start (what {@link Statement} writes after the text). */
  static final String EXAMPLES = "\n\nExamples:\n";

  /**
   * Params of the {@code list-programs} prompt format.
   *
   * @param examples show the statement's example asserts in the prompt (default true, as APPS)
   */
  public record Params(Boolean examples) {
    public Params {
      examples = examples == null ? Boolean.TRUE : examples;
    }

    public Params() {
      this(null);
    }
  }

  private final boolean examples;

  public ListProgramsFormat() {
    this(new Params());
  }

  public ListProgramsFormat(Params params) {
    this.examples = params.examples();
  }

  @Override
  public String prompt(Problem problem) {
    String statement = problem.statement();
    int cut = statement.indexOf(EXAMPLES);
    if (!examples && cut >= 0) {
      statement = statement.substring(0, cut);
    }
    return "\nQUESTION:\n" + statement + "\nUse Call-Based format\nANSWER:\n";
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
  public static final class Factory extends ParamsFactory<PromptFormat, Params> {
    public Factory() {
      super(Params.class);
    }

    @Override
    protected PromptFormat build(Params p) {
      return new ListProgramsFormat(p);
    }
  }
}
