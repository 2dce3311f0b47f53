package dev.coderl4j.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coderl4j.core.config.JsonOption;
import dev.coderl4j.core.plugin.PluginSpec;
import picocli.CommandLine.Option;

/**
 * The CLI's one vocabulary for the program runner (§3.3, Eq. 4–7): {@code --runner NAME
 * --runner-params JSON --timeout S --workers N}, shared by {@code evaluate}, {@code generate} and
 * {@code train} ({@code exec} declares the same names, plus {@code --runner both}). {@code
 * --backend} is an alias of {@code --runner}; {@code --graalpy-params} a hidden, deprecated alias
 * of {@code --runner-params}.
 */
public final class RunnerOptions {
  @Option(
      names = "--runner",
      paramLabel = "NAME",
      description = "The program runner: graalpy or cpython (default: the config's, else graalpy).")
  String runner;

  @Option(
      names = "--runner-params",
      paramLabel = "JSON",
      description =
          "The runner's params as a JSON object, laid over the config's, e.g."
              + " '{\"compilation\": \"interpreter\"}' for graalpy (docs/execution.md).")
  String runnerParams;

  /** The old name of {@code --runner}. */
  @Option(names = "--backend", hidden = true, paramLabel = "NAME")
  void backend(String name) {
    runner = name;
  }

  /** The old name of {@code --runner-params} (deprecated). */
  @Option(names = "--graalpy-params", hidden = true, paramLabel = "JSON")
  void graalpyParams(String json) {
    runnerParams = json;
  }

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      description = "Wall time per test (default: the runner's, APPS' 4 s).")
  Double timeout;

  @Option(
      names = "--workers",
      paramLabel = "N",
      description = "Programs run at once (default: the runner's, one per core).")
  Integer workers;

  /**
   * The runner spec: {@code base} (the config's runner) with these options laid over it; a
   * different {@code --runner} starts from that runner's defaults.
   */
  public PluginSpec over(PluginSpec base) {
    boolean same = runner == null || runner.equals(base.type());
    ObjectNode params =
        same
            ? (ObjectNode) base.params()
            : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    if (runnerParams != null) {
      params.setAll(
          JsonOption.object("--runner-params", runnerParams, "{\"compilation\": \"interpreter\"}"));
    }
    if (workers != null) {
      params.put("workers", workers);
    }
    if (timeout != null) {
      params.put("timeoutSeconds", timeout);
    }
    return new PluginSpec(runner == null ? base.type() : runner, params);
  }

  /** Whether any option was given (a config's runner is then overridden). */
  public boolean given() {
    return runner != null || runnerParams != null || timeout != null || workers != null;
  }

  /** The options as a config override ({@code runner={type: .., params: ..}}) of a run config. */
  public String configOverride(PluginSpec base) {
    PluginSpec spec = over(base);
    ObjectNode o = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    o.put("type", spec.type());
    o.set("params", spec.params());
    return "runner=" + o;
  }
}
