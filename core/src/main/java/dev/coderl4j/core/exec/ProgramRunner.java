package dev.coderl4j.core.exec;

import java.util.List;

/**
 * Runs generated programs against unit tests and classifies them as CPython would.
 *
 * <p>The one question every part of CodeRL asks (§3.3, Eq. 4–7): the reward, the critic's labels,
 * example-test filtering in Critic Sampling and pass@k all come from here. Backends are named
 * plugins ({@code graalpy}, {@code cpython}); they own their limits and sandbox. Implementations
 * are thread-safe and run {@link #runAll} concurrently.
 */
public interface ProgramRunner extends AutoCloseable {

  /** Runs one job. Never throws for anything a program does; only for a broken runner. */
  ExecutionResult run(ExecutionJob job);

  /**
   * Runs many jobs concurrently and returns results in input order, reporting each as it ends.
   *
   * @param listener told of each result as it finishes (in completion order), e.g. to write results
   *     incrementally or show progress; may be {@link RunListener#NONE}
   */
  List<ExecutionResult> runAll(List<ExecutionJob> jobs, RunListener listener);

  /** Releases workers and engines. */
  @Override
  void close();

  /** Receives results as they finish. */
  @FunctionalInterface
  interface RunListener {
    /** A listener that ignores everything. */
    RunListener NONE = (index, result) -> {};

    /**
     * Called once per job, from any thread.
     *
     * @param index the job's position in the input list
     */
    void finished(int index, ExecutionResult result);
  }
}
