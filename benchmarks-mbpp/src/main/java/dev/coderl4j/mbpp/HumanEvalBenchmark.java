package dev.coderl4j.mbpp;

import dev.coderl4j.core.benchmark.Benchmark;
import dev.coderl4j.core.plugin.ParamsFactory;
import dev.coderl4j.core.problem.Problem;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HumanEval (Chen et al. 2021) as a benchmark: 164 problems, pass@k by {@code check(entry_point)}.
 */
public final class HumanEvalBenchmark implements Benchmark {
  public static final String NAME = "humaneval";

  private static final Pattern TASK_ID = Pattern.compile("(?i)(?:humaneval/)?0*(\\d+)");

  private final List<Problem> problems;

  public HumanEvalBenchmark(List<Problem> problems) {
    this.problems = List.copyOf(problems);
  }

  /**
   * Params of {@code humaneval}.
   *
   * @param path a {@code HumanEval.jsonl(.gz)} file; empty for the bundled copy
   */
  public record Params(String path) {
    public Params {
      path = path == null ? "" : path;
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Problem> problems() {
    return problems;
  }

  /** Accepts {@code "HumanEval/0"} (the official form), {@code "0"} and {@code 0}. */
  @Override
  public String problemId(String taskId) {
    Matcher m = TASK_ID.matcher(taskId.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "HumanEval task id '" + taskId + "' not understood; write \"HumanEval/0\"");
    }
    return "HumanEval/" + Integer.parseInt(m.group(1));
  }

  @Override
  public String defaultPromptFormat() {
    return HumanEvalFormat.NAME;
  }

  /** Builds {@code humaneval}. */
  public static final class Factory extends ParamsFactory<Benchmark, Params> {
    public Factory() {
      super(Params.class);
    }

    @Override
    protected Benchmark build(Params p) {
      return new HumanEvalBenchmark(
          HumanEvalLoader.read(
              Bundled.open(p.path(), Bundled.HUMANEVAL),
              Bundled.sourceName(p.path(), Bundled.HUMANEVAL)));
    }
  }
}
