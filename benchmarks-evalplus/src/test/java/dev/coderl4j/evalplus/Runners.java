package dev.coderl4j.evalplus;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.inject.Guice;
import com.google.inject.Module;
import dev.coderl4j.core.CoreModule;
import dev.coderl4j.core.benchmark.Benchmark;
import dev.coderl4j.core.exec.ExecutionJob;
import dev.coderl4j.core.exec.ExecutionLimits;
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

/** Real runners from the polyglot-runner module, with a benchmark's limits, and helpers. */
final class Runners {
  private Runners() {}

  static PluginResolver resolver() {
    List<Module> modules = new ArrayList<>();
    modules.add(new CoreModule());
    modules.addAll(PluginModule.discover(Runners.class.getClassLoader()));
    return Guice.createInjector(modules).getInstance(PluginResolver.class);
  }

  /** A {@code backend} runner with {@code workers} workers and the benchmark's limits. */
  static ProgramRunner runner(String backend, int workers, Benchmark b) {
    ObjectNode params = new ObjectMapper().createObjectNode().put("workers", workers);
    b.limits().ifPresent(l -> put(params, l));
    return resolver().create(ProgramRunner.class, new PluginSpec(backend, params));
  }

  private static void put(ObjectNode params, ExecutionLimits l) {
    params.put("timeoutSeconds", l.perTestTimeout().toMillis() / 1000.0);
    params.put("programTimeoutSeconds", l.perProgramTimeout().toMillis() / 1000.0);
    params.put("maxMemoryMb", l.maxMemoryMb());
  }

  /** Runs {@code programs} (problem id to program) through the benchmark's jobs. */
  static Map<String, ExecutionResult> run(
      ProgramRunner runner, Benchmark b, List<Problem> problems, List<String> programs) {
    List<ExecutionJob> jobs = new ArrayList<>();
    for (int i = 0; i < problems.size(); i++) {
      Problem p = problems.get(i);
      jobs.add(b.job(p.id(), p, programs.get(i), p.hiddenTests()));
    }
    Map<String, ExecutionResult> out = new LinkedHashMap<>();
    for (ExecutionResult r : runner.runAll(jobs, ProgramRunner.RunListener.NONE)) {
      out.put(r.jobId(), r);
    }
    return out;
  }

  /** The results that did not pass, described one per line. */
  static String failures(Map<String, ExecutionResult> results) {
    StringBuilder sb = new StringBuilder();
    results.forEach(
        (id, r) -> {
          if (!r.passed()) {
            sb.append("\n  ")
                .append(id)
                .append(": ")
                .append(r.outcome())
                .append(" after ")
                .append(r.tests().size())
                .append(" tests ")
                .append(r.detail().lines().limit(2).toList());
          }
        });
    return sb.toString();
  }
}
