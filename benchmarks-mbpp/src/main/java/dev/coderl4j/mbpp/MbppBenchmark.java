package dev.coderl4j.mbpp;

import dev.coderl4j.core.benchmark.Benchmark;
import dev.coderl4j.core.plugin.ParamsFactory;
import dev.coderl4j.core.problem.Problem;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MBPP as a benchmark: the full set ({@code mbpp}) or the sanitized set ({@code mbpp-sanitized}),
 * restricted to one split (the test split, tasks 11–510, by default: §4.4).
 */
public final class MbppBenchmark implements Benchmark {
  /** The full MBPP (974 tasks). */
  public static final String NAME = "mbpp";

  /** The hand-verified sanitized MBPP (427 tasks). */
  public static final String SANITIZED_NAME = "mbpp-sanitized";

  private static final Pattern TASK_ID = Pattern.compile("(?i)(?:mbpp/)?0*(\\d+)");

  private final List<Problem> problems;

  public MbppBenchmark(List<Problem> problems) {
    this.problems = List.copyOf(problems);
  }

  /**
   * Params of {@code mbpp} and {@code mbpp-sanitized}.
   *
   * @param path a {@code mbpp.jsonl} (or {@code sanitized-mbpp.json}) file; empty for the bundled
   *     copy
   * @param split {@code test} (11–510, the default), {@code validation}, {@code train}, {@code
   *     prompt} or {@code all}
   * @param challengeTests add the challenge asserts of the full set to the hidden tests (off, as in
   *     the paper and Austin et al.)
   */
  public record Params(String path, String split, Boolean challengeTests) {
    public Params {
      path = path == null ? "" : path;
      split = split == null ? MbppSplit.TEST.label() : split;
      challengeTests = challengeTests != null && challengeTests;
      MbppSplit.named(split);
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

  /** Accepts {@code 11}, {@code "11"}, {@code "Mbpp/11"} (EvalPlus) and {@code "mbpp/11"}. */
  @Override
  public String problemId(String taskId) {
    Matcher m = TASK_ID.matcher(taskId.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "MBPP task id '" + taskId + "' not understood; write 11, \"11\" or \"Mbpp/11\"");
    }
    return MbppLoader.problemId(Integer.parseInt(m.group(1)));
  }

  @Override
  public String defaultPromptFormat() {
    return MbppAppsFormat.NAME;
  }

  private static List<Problem> inSplit(List<Problem> all, String split) {
    MbppSplit s = MbppSplit.named(split);
    return all.stream()
        .filter(p -> s.contains(Integer.parseInt(p.id().substring("mbpp/".length()))))
        .toList();
  }

  /** Builds {@code mbpp}. */
  public static final class Factory extends ParamsFactory<Benchmark, Params> {
    public Factory() {
      super(Params.class);
    }

    @Override
    protected Benchmark build(Params p) {
      List<Problem> all =
          MbppLoader.readFull(
              Bundled.open(p.path(), Bundled.MBPP),
              Bundled.sourceName(p.path(), Bundled.MBPP),
              p.challengeTests());
      return new MbppBenchmark(inSplit(all, p.split()));
    }
  }

  /** Builds {@code mbpp-sanitized}. */
  public static final class SanitizedFactory extends ParamsFactory<Benchmark, Params> {
    public SanitizedFactory() {
      super(Params.class);
    }

    @Override
    protected Benchmark build(Params p) {
      if (p.challengeTests()) {
        throw new IllegalArgumentException(
            "mbpp-sanitized has no challenge tests; remove challengeTests or use the 'mbpp'"
                + " benchmark");
      }
      List<Problem> all =
          MbppLoader.readSanitized(
              Bundled.open(p.path(), Bundled.SANITIZED),
              Bundled.sourceName(p.path(), Bundled.SANITIZED));
      return new MbppBenchmark(inSplit(all, p.split()));
    }
  }
}
