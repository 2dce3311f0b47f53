package dev.coderl4j.mbpp;

import dev.coderl4j.core.benchmark.Completions;
import dev.coderl4j.core.benchmark.PromptFormat;
import dev.coderl4j.core.plugin.ParamsFactory;
import dev.coderl4j.core.problem.Problem;
import dev.coderl4j.core.problem.TestSuite;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The few-shot MBPP prompt of Austin et al. (2021): three solved tasks (2, 3 and 4 of the prompt
 * split), each as {@code You are an expert Python programmer, and here is your task: {text} Your
 * code should pass these tests:\n\n{asserts}\n[BEGIN]\n{code}\n[DONE]\n}, then the target task up
 * to {@code [BEGIN]\n}. Generation stops at {@code [DONE]}.
 */
public final class MbppFewShotFormat implements PromptFormat {
  public static final String NAME = "mbpp-few-shot";
  static final String DONE = "[DONE]";

  private final String shots;

  /** A format whose shots are {@code shotProblems}, in order. */
  public MbppFewShotFormat(List<Problem> shotProblems) {
    StringBuilder sb = new StringBuilder();
    for (Problem p : shotProblems) {
      if (p.solutions().isEmpty()) {
        throw new IllegalArgumentException(
            "few-shot task " + p.id() + " has no reference solution");
      }
      sb.append(task(p))
          .append("[BEGIN]\n")
          .append(p.solutions().getFirst().strip())
          .append("\n")
          .append(DONE)
          .append("\n");
    }
    this.shots = sb.toString();
  }

  /**
   * Params of {@code mbpp-few-shot}.
   *
   * @param shots the MBPP task ids used as examples (Austin et al.: 2, 3, 4)
   * @param path the MBPP file to take them from; empty for the bundled copy
   */
  public record Params(List<Integer> shots, String path) {
    public Params {
      shots = shots == null ? List.of(2, 3, 4) : List.copyOf(shots);
      path = path == null ? "" : path;
      for (int id : shots) {
        if (!MbppSplit.PROMPT.contains(id)) {
          throw new IllegalArgumentException(
              "few-shot tasks must come from MBPP's prompt split (1-10), got "
                  + id
                  + "; Austin et al. used [2, 3, 4]");
        }
      }
    }
  }

  private static String task(Problem p) {
    if (!(p.exampleTests() instanceof TestSuite.Asserts a)) {
      throw new IllegalArgumentException(
          NAME + " formats problems with assert tests (MBPP); " + p.id() + " has none");
    }
    return "You are an expert Python programmer, and here is your task: "
        + p.statement()
        + " Your code should pass these tests:\n\n"
        + String.join("\n", a.asserts())
        + "\n";
  }

  @Override
  public String prompt(Problem problem) {
    return shots + task(problem) + "[BEGIN]\n";
  }

  @Override
  public List<String> stopSequences() {
    return List.of(DONE);
  }

  /** The completion up to {@code [DONE]}, from its first code fence when it has one. */
  @Override
  public String program(Problem problem, String completion) {
    String code = Completions.stripCodeFence(Completions.cutAtStops(completion, stopSequences()));
    return Completions.unixNewlines(code).strip() + "\n";
  }

  /** Builds {@code mbpp-few-shot}. */
  public static final class Factory extends ParamsFactory<PromptFormat, Params> {
    public Factory() {
      super(Params.class);
    }

    @Override
    protected PromptFormat build(Params p) {
      Map<String, Problem> byId =
          MbppLoader.readFull(
                  Bundled.open(p.path(), Bundled.MBPP),
                  Bundled.sourceName(p.path(), Bundled.MBPP),
                  false)
              .stream()
              .collect(Collectors.toMap(Problem::id, Function.identity()));
      List<Problem> shots = new ArrayList<>();
      for (int id : p.shots()) {
        Problem shot = byId.get(MbppLoader.problemId(id));
        if (shot == null) {
          throw new IllegalArgumentException("few-shot task " + id + " is not in " + p.path());
        }
        shots.add(shot);
      }
      return new MbppFewShotFormat(shots);
    }
  }
}
