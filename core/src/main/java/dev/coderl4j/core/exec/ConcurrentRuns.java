package dev.coderl4j.core.exec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * {@link ProgramRunner#runAll} for runners whose {@code run} is thread-safe: a fixed set of threads
 * takes jobs in input order, results come back in input order, each is reported as it finishes.
 */
public final class ConcurrentRuns {
  private ConcurrentRuns() {}

  /**
   * Runs {@code jobs} on up to {@code threads} threads; the first failure of the runner itself (not
   * of a program) stops the remaining jobs and is rethrown.
   */
  public static List<ExecutionResult> runAll(
      List<ExecutionJob> jobs,
      ProgramRunner.RunListener listener,
      int threads,
      Function<ExecutionJob, ExecutionResult> run) {
    ExecutionResult[] out = new ExecutionResult[jobs.size()];
    AtomicInteger next = new AtomicInteger();
    int n = Math.min(Math.max(1, threads), Math.max(1, jobs.size()));
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      List<CompletableFuture<Void>> fs = new ArrayList<>();
      for (int t = 0; t < n; t++) {
        fs.add(
            CompletableFuture.runAsync(
                () -> {
                  int i;
                  while ((i = next.getAndIncrement()) < jobs.size()) {
                    ExecutionResult r = run.apply(jobs.get(i));
                    out[i] = r;
                    listener.finished(i, r);
                  }
                },
                pool));
      }
      CompletableFuture.allOf(fs.toArray(CompletableFuture[]::new)).join();
    } catch (CompletionException e) {
      next.set(jobs.size());
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw e;
    } finally {
      pool.shutdownNow();
    }
    return Arrays.asList(out);
  }
}
