package dev.coderl4j.core.run;

import dev.coderl4j.core.benchmark.Benchmark;
import dev.coderl4j.core.exec.ExecutionJob;
import dev.coderl4j.core.exec.ProgramRunner;
import dev.coderl4j.core.metrics.ProblemCounts;
import dev.coderl4j.core.problem.Problem;
import dev.coderl4j.core.problem.TestSuite;
import dev.coderl4j.core.progress.Progress;
import dev.coderl4j.core.training.ResultsLog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * Runs the samples that a results log has not recorded yet and turns all records into the
 * per-problem counts the metrics need.
 *
 * <p>Every sample runs against its problem's hidden tests. For n@k it also runs against the example
 * tests when the problem has examples that differ from its hidden tests (APPS); when they are the
 * same suite (MBPP shows its asserts) the hidden run answers both, and a problem without examples
 * (HumanEval, APPS training problems) filters nothing out.
 */
public final class Evaluator {
  private final Benchmark benchmark;
  private final Map<String, Problem> problems = new HashMap<>();

  public Evaluator(Benchmark benchmark) {
    this.benchmark = benchmark;
    for (Problem p : benchmark.problems()) {
      problems.put(p.id(), p);
    }
  }

  /** Identifies a run of one sample (its line in the samples file) against one suite. */
  public record Key(int line, String suite) {}

  /** The records of {@code log} by sample line and suite. */
  public static Map<Key, SampleResult> index(ResultsLog<SampleResult> log) {
    Map<Key, SampleResult> m = new LinkedHashMap<>();
    log.records().forEach(r -> m.put(new Key(r.line(), r.suite()), r));
    return m;
  }

  /** A run still to do. */
  record Pending(Sample sample, String suite, ExecutionJob job) {}

  /** The runs {@code log} lacks; fails if a recorded run was for a different program. */
  List<Pending> pending(List<Sample> samples, ResultsLog<SampleResult> log) {
    List<Pending> out = new ArrayList<>();
    Map<Key, SampleResult> done = index(log);
    for (Sample s : samples) {
      Problem p = problems.get(s.problemId());
      for (String suite : suites(p)) {
        SampleResult r = done.get(new Key(s.line(), suite));
        if (r != null) {
          if (!r.programSha256().equals(s.programSha256())
              || !r.problemId().equals(s.problemId())) {
            throw new IllegalArgumentException(
                "line "
                    + s.line()
                    + " of the samples file changed since "
                    + "its result was recorded; score the new file into another --out");
          }
          continue;
        }
        TestSuite tests = suite.equals(SampleResult.HIDDEN) ? p.hiddenTests() : p.exampleTests();
        String jobId = s.line() + "/" + suite;
        out.add(new Pending(s, suite, benchmark.job(jobId, p, s.program(), tests)));
      }
    }
    return out;
  }

  /** Whether example tests need a run of their own. */
  static boolean separateExamples(Problem p) {
    return p.exampleTests().size() > 0 && !p.exampleTests().equals(p.hiddenTests());
  }

  private static List<String> suites(Problem p) {
    return separateExamples(p)
        ? List.of(SampleResult.HIDDEN, SampleResult.EXAMPLE)
        : List.of(SampleResult.HIDDEN);
  }

  /**
   * Runs what is pending, appending each result to {@code log} as it finishes.
   *
   * @param advance told of each finished run (for a progress bar)
   * @return how many runs were done
   */
  int run(
      List<Pending> pending,
      ProgramRunner runner,
      ResultsLog<SampleResult> log,
      LongConsumer advance) {
    if (pending.isEmpty()) {
      return 0;
    }
    List<ExecutionJob> jobs = pending.stream().map(Pending::job).toList();
    runner.runAll(
        jobs,
        (index, result) -> {
          Pending p = pending.get(index);
          log.append(SampleResult.of(p.sample(), p.suite(), benchmark.interpret(result)));
          advance.accept(1);
        });
    return jobs.size();
  }

  /** Runs everything pending with a progress bar on stderr; returns how many runs were done. */
  public int runAll(List<Sample> samples, ProgramRunner runner, ResultsLog<SampleResult> log) {
    List<Pending> pending = pending(samples, log);
    try (Progress progress = Progress.stderr("evaluate", pending.size())) {
      return run(pending, runner, log, progress::advance);
    }
  }

  /**
   * Per-problem counts from the records of every sample, in benchmark order. When the benchmark
   * scores every problem, one without samples counts as failed (as many samples as the fewest any
   * other problem has, none correct).
   */
  public List<ProblemCounts> counts(List<Sample> samples, Map<Key, SampleResult> records) {
    return counts(samples, records, r -> r.passed());
  }

  /**
   * The counts of each of the benchmark's hidden-test groups ({@link Benchmark#hiddenTestGroups}),
   * by group name: a sample is correct in a group when the group's tests all passed.
   */
  public Map<String, List<ProblemCounts>> groupCounts(
      List<Sample> samples, Map<Key, SampleResult> records) {
    Map<String, List<ProblemCounts>> out = new LinkedHashMap<>();
    for (Problem p : benchmark.problems()) {
      for (String g : benchmark.hiddenTestGroups(p).keySet()) {
        out.computeIfAbsent(g, name -> counts(samples, records, r -> groupPassed(r, name)));
      }
    }
    return out;
  }

  private boolean groupPassed(SampleResult r, String group) {
    Integer n = benchmark.hiddenTestGroups(problems.get(r.problemId())).get(group);
    if (n == null || r.tests().size() < n) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (!Boolean.TRUE.equals(r.tests().get(i))) {
        return false;
      }
    }
    return true;
  }

  /** The problems of the benchmark that no sample names, in benchmark order. */
  public List<String> withoutSamples(List<Sample> samples) {
    java.util.Set<String> named = new java.util.HashSet<>();
    samples.forEach(s -> named.add(s.problemId()));
    return benchmark.problems().stream()
        .map(Problem::id)
        .filter(id -> !named.contains(id))
        .toList();
  }

  private List<ProblemCounts> counts(
      List<Sample> samples,
      Map<Key, SampleResult> records,
      java.util.function.Predicate<SampleResult> isCorrect) {
    Map<String, int[]> byProblem = new LinkedHashMap<>();
    for (Problem p : benchmark.problems()) {
      byProblem.put(p.id(), null);
    }
    for (Sample s : samples) {
      Problem p = problems.get(s.problemId());
      SampleResult hidden = require(records, s, SampleResult.HIDDEN);
      boolean correct = isCorrect.test(hidden);
      boolean filtered =
          separateExamples(p)
              ? require(records, s, SampleResult.EXAMPLE).passed()
              : p.exampleTests().size() == 0 || correct;
      int[] c = byProblem.get(s.problemId());
      if (c == null) {
        c = new int[4];
        byProblem.put(s.problemId(), c);
      }
      c[0]++;
      c[1] += correct ? 1 : 0;
      c[2] += filtered ? 1 : 0;
      c[3] += filtered && correct ? 1 : 0;
    }
    int fewest =
        byProblem.values().stream()
            .filter(java.util.Objects::nonNull)
            .mapToInt(c -> c[0])
            .min()
            .orElse(1);
    List<ProblemCounts> out = new ArrayList<>();
    byProblem.forEach(
        (id, c) -> {
          if (c != null) {
            out.add(new ProblemCounts(id, problems.get(id).difficulty(), c[0], c[1], c[2], c[3]));
          } else if (benchmark.scoresEveryProblem()) {
            out.add(new ProblemCounts(id, problems.get(id).difficulty(), fewest, 0, fewest, 0));
          }
        });
    return out;
  }

  private static SampleResult require(Map<Key, SampleResult> records, Sample s, String suite) {
    SampleResult r = records.get(new Key(s.line(), suite));
    if (r == null) {
      throw new IllegalStateException(
          "no " + suite + " result for line " + s.line() + " of the samples file");
    }
    return r;
  }
}
