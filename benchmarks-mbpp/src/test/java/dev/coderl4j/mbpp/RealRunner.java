package dev.coderl4j.mbpp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Guice;
import com.google.inject.Module;
import dev.coderl4j.core.CoreModule;
import dev.coderl4j.core.exec.ExecutionJob;
import dev.coderl4j.core.exec.ExecutionResult;
import dev.coderl4j.core.exec.ProgramRunner;
import dev.coderl4j.core.plugin.PluginModule;
import dev.coderl4j.core.plugin.PluginResolver;
import dev.coderl4j.core.plugin.PluginSpec;
import dev.coderl4j.core.problem.Problem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The real {@code graalpy} runner from the polyglot-runner module, found as a plugin. */
final class RealRunner {
  private RealRunner() {}

  static ProgramRunner graalpy(int workers) {
    return graalpy(workers, null);
  }

  /** A runner with {@code workers} workers and a per-test limit in seconds (null: APPS' 4 s). */
  static ProgramRunner graalpy(int workers, Double timeoutSeconds) {
    List<Module> modules = new ArrayList<>();
    modules.add(new CoreModule());
    modules.addAll(PluginModule.discover(RealRunner.class.getClassLoader()));
    PluginResolver resolver = Guice.createInjector(modules).getInstance(PluginResolver.class);
    var params = new ObjectMapper().createObjectNode().put("workers", workers);
    if (timeoutSeconds != null) {
      params.put("timeoutSeconds", timeoutSeconds);
    }
    return resolver.create(ProgramRunner.class, new PluginSpec("graalpy", params));
  }

  /**
   * Runs each problem's first reference solution against its hidden tests; returns the non-passes.
   */
  static Map<String, ExecutionResult> failingReferences(
      ProgramRunner runner, List<Problem> problems) {
    List<ExecutionJob> jobs = new ArrayList<>();
    for (Problem p : problems) {
      jobs.add(new ExecutionJob(p.id(), p.solutions().getFirst(), p.hiddenTests()));
    }
    Map<String, ExecutionResult> failing = new LinkedHashMap<>();
    for (ExecutionResult r : runner.runAll(jobs, ProgramRunner.RunListener.NONE)) {
      if (!r.passed()) {
        failing.put(r.jobId(), r);
      }
    }
    return failing;
  }

  static String describe(Map<String, ExecutionResult> failing) {
    StringBuilder sb = new StringBuilder();
    failing.forEach(
        (id, r) ->
            sb.append("\n  ")
                .append(id)
                .append(": ")
                .append(r.outcome())
                .append(" ")
                .append(r.tests())
                .append(" ")
                .append(r.detail().lines().limit(3).toList()));
    return sb.toString();
  }
}
