package dev.coderl4j.core.run;

import dev.coderl4j.core.exec.ExecutionJob;
import dev.coderl4j.core.exec.ExecutionResult;
import dev.coderl4j.core.exec.Outcome;
import dev.coderl4j.core.exec.ProgramRunner;
import dev.coderl4j.core.exec.TestResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A test double of the runner for the evaluator's bookkeeping (not for program semantics, which the
 * evidence tests check with the real runner): a program passes a job's tests when it contains
 * {@code HIDDEN_OK} (for a hidden-test job) or {@code EXAMPLE_OK} (for an example-test job), or the
 * markers given instead; a program containing {@code BOOM} raises and one containing {@code SYNTAX}
 * does not compile. It can stop after a number of results, as a killed run.
 */
public final class ScriptedRunner implements ProgramRunner {
  private final int stopAfter;
  private final String hiddenMarker;
  private final String exampleMarker;

  /** The ids of the jobs run, in order. */
  public final List<String> ran = Collections.synchronizedList(new ArrayList<>());

  /** A runner that throws {@link Killed} once {@code stopAfter} jobs have run. */
  public ScriptedRunner(int stopAfter) {
    this(stopAfter, "HIDDEN_OK", "EXAMPLE_OK");
  }

  /** A runner that passes programs holding {@code hiddenMarker} ({@code exampleMarker}). */
  public ScriptedRunner(int stopAfter, String hiddenMarker, String exampleMarker) {
    this.stopAfter = stopAfter;
    this.hiddenMarker = hiddenMarker;
    this.exampleMarker = exampleMarker;
  }

  public ScriptedRunner() {
    this(Integer.MAX_VALUE);
  }

  /** Thrown when the scripted runner "dies" part-way. */
  public static final class Killed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Killed() {
      super("killed");
    }
  }

  @Override
  public ExecutionResult run(ExecutionJob job) {
    ran.add(job.id());
    int n = Math.max(1, job.tests().size());
    boolean example = job.id().endsWith("/" + SampleResult.EXAMPLE);
    if (job.program().contains("SYNTAX")) {
      return new ExecutionResult(
          job.id(),
          new Outcome.CompileError("invalid syntax (line 1)"),
          List.of(),
          1,
          "scripted",
          "invalid syntax (line 1)");
    }
    if (job.program().contains("BOOM")) {
      return new ExecutionResult(
          job.id(),
          new Outcome.RuntimeError("ZeroDivisionError", 0),
          List.of(new TestResult.Error("ZeroDivisionError")),
          1,
          "scripted",
          "");
    }
    boolean ok = job.program().contains(example ? exampleMarker : hiddenMarker);
    List<TestResult> tests = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      tests.add(ok ? TestResult.PASS : TestResult.FAIL);
      if (!ok) {
        break;
      }
    }
    return new ExecutionResult(
        job.id(), ok ? new Outcome.Passed() : new Outcome.FailedTest(0), tests, 1, "scripted", "");
  }

  @Override
  public List<ExecutionResult> runAll(List<ExecutionJob> jobs, RunListener listener) {
    List<ExecutionResult> out = new ArrayList<>();
    for (int i = 0; i < jobs.size(); i++) {
      if (ran.size() >= stopAfter) {
        throw new Killed();
      }
      ExecutionResult r = run(jobs.get(i));
      listener.finished(i, r);
      out.add(r);
    }
    return out;
  }

  @Override
  public void close() {}
}
