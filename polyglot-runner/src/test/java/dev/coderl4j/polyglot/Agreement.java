package dev.coderl4j.polyglot;

import dev.coderl4j.core.exec.ExecutionJob;
import dev.coderl4j.core.exec.ExecutionResult;
import dev.coderl4j.core.exec.JobLines;
import dev.coderl4j.core.exec.ProgramRunner;
import java.util.ArrayList;
import java.util.List;

/** Runs jobs under both backends and lists where they disagree (outcome or per-test results). */
public final class Agreement {
  private Agreement() {}

  /** One job's two results. */
  public record Pair(ExecutionJob job, ExecutionResult graalpy, ExecutionResult cpython) {
    public boolean agree() {
      return graalpy.outcome().label().equals(cpython.outcome().label())
          && graalpy.tests().equals(cpython.tests());
    }

    @Override
    public String toString() {
      return job.id()
          + ": graalpy "
          + graalpy.outcome()
          + " "
          + JobLines.testsWire(graalpy.tests())
          + " ["
          + graalpy.detail()
          + "] vs cpython "
          + cpython.outcome()
          + " "
          + JobLines.testsWire(cpython.tests())
          + " ["
          + cpython.detail()
          + "]";
    }
  }

  /**
   * Both backends' results for every job, in order. A disagreement where one side timed out is run
   * once more, alone: on a machine shared with other builds a 4 s limit can be missed by load
   * alone, and a timeout that does not repeat is the machine's, not the runner's.
   */
  public static List<Pair> run(
      List<ExecutionJob> jobs, ProgramRunner graalpy, ProgramRunner cpython) {
    List<ExecutionResult> g = graalpy.runAll(jobs, ProgramRunner.RunListener.NONE);
    List<ExecutionResult> c = cpython.runAll(jobs, ProgramRunner.RunListener.NONE);
    List<Pair> out = new ArrayList<>();
    for (int i = 0; i < jobs.size(); i++) {
      Pair p = new Pair(jobs.get(i), g.get(i), c.get(i));
      if (!p.agree() && (timedOut(p.graalpy()) || timedOut(p.cpython()))) {
        p = new Pair(p.job(), graalpy.run(p.job()), cpython.run(p.job()));
      }
      out.add(p);
    }
    return out;
  }

  private static boolean timedOut(ExecutionResult r) {
    return r.outcome() instanceof dev.coderl4j.core.exec.Outcome.RuntimeError e
        && e.errorType().equals("Timeout");
  }

  /** The pairs that disagree. */
  public static List<Pair> disagreements(List<Pair> pairs) {
    return pairs.stream().filter(p -> !p.agree()).toList();
  }

  /** Reference solutions that pass under CPython but not under GraalPy. */
  public static List<Pair> lostPasses(List<Pair> pairs) {
    return pairs.stream().filter(p -> p.cpython().passed() && !p.graalpy().passed()).toList();
  }
}
