package dev.coderl4j.list;

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

/** The real {@code graalpy} and {@code cpython} runners, found as plugins. */
final class RealRunners {
  private RealRunners() {}

  static ProgramRunner create(String name) {
    List<Module> modules = new ArrayList<>();
    modules.add(new CoreModule());
    modules.addAll(PluginModule.discover(RealRunners.class.getClassLoader()));
    PluginResolver resolver = Guice.createInjector(modules).getInstance(PluginResolver.class);
    var params =
        new ObjectMapper().createObjectNode().put("workers", 2).put("timeoutSeconds", 20.0);
    if (name.equals("cpython")) {
      params.put("mode", "persistent");
    } else {
      params.put("compilation", "interpreter");
    }
    return resolver.create(ProgramRunner.class, new PluginSpec(name, params));
  }

  /**
   * Runs each problem's reference against its example and its hidden tests; returns the runs that
   * did not pass, by job id.
   */
  static Map<String, ExecutionResult> failing(ProgramRunner runner, List<Problem> problems) {
    List<ExecutionJob> jobs = new ArrayList<>();
    for (Problem p : problems) {
      jobs.add(new ExecutionJob(p.id() + "#hidden", p.solutions().getFirst(), p.hiddenTests()));
      jobs.add(new ExecutionJob(p.id() + "#example", p.solutions().getFirst(), p.exampleTests()));
    }
    Map<String, ExecutionResult> out = new LinkedHashMap<>();
    for (ExecutionResult r : runner.runAll(jobs, ProgramRunner.RunListener.NONE)) {
      if (!r.passed()) {
        out.put(r.jobId(), r);
      }
    }
    return out;
  }

  static boolean hasPython() {
    try {
      Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor() == 0;
    } catch (Exception e) {
      return false;
    }
  }
}
