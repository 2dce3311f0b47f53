package dev.coderl4j.spark;

import dev.coderl4j.core.benchmark.Benchmark;
import dev.coderl4j.core.exec.ExecutionJob;
import dev.coderl4j.core.plugin.PluginResolver;
import dev.coderl4j.core.plugin.PluginSpec;
import dev.coderl4j.core.problem.Problem;
import dev.coderl4j.polyglot.Mutants;
import java.util.ArrayList;
import java.util.List;

/**
 * A job set with every outcome in it: MBPP's reference solutions (mostly PASSED) interleaved with
 * mutants of them that do not compile, raise, or answer wrongly (the benchmark and the tests use
 * the same set, so a figure and a test speak of the same jobs).
 */
public final class MbppJobs {
  private static final Mutants.Kind[] KINDS = {
    Mutants.Kind.SYNTAX, Mutants.Kind.EXCEPTION, Mutants.Kind.WRONG_ANSWER
  };

  private MbppJobs() {}

  /** The first {@code n} jobs over the bundled MBPP test split (the {@code mbpp} benchmark). */
  public static List<ExecutionJob> first(PluginResolver resolver, int n) {
    Benchmark mbpp = resolver.create(Benchmark.class, PluginSpec.of("mbpp"));
    List<ExecutionJob> jobs = new ArrayList<>();
    int k = 0;
    for (Problem p : mbpp.problems()) {
      if (jobs.size() >= n) {
        break;
      }
      if (p.solutions().isEmpty()) {
        continue;
      }
      String program = p.solutions().getFirst();
      jobs.add(mbpp.job(p.id(), p, program, p.hiddenTests()));
      Mutants.Kind kind = KINDS[k++ % KINDS.length];
      Mutants.mutate(program, kind)
          .filter(m -> jobs.size() < n)
          .ifPresent(m -> jobs.add(mbpp.job(p.id() + "~" + kind, p, m, p.hiddenTests())));
    }
    if (jobs.size() < n) {
      throw new IllegalArgumentException(
          "MBPP's test split gives " + jobs.size() + " jobs; ask for at most that many");
    }
    return jobs;
  }
}
