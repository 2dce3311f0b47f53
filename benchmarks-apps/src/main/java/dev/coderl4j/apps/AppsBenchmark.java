package dev.coderl4j.apps;

import dev.coderl4j.core.benchmark.Benchmark;
import dev.coderl4j.core.exec.ExecutionJob;
import dev.coderl4j.core.exec.ExecutionResult;
import dev.coderl4j.core.plugin.ParamsFactory;
import dev.coderl4j.core.problem.Problem;
import dev.coderl4j.core.problem.TestSuite;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * APPS (Hendrycks et al. 2021) as a benchmark: CodeRL trains on its training split and reports
 * pass@k and n@k on its test split by difficulty (§4, Table 1).
 */
public final class AppsBenchmark implements Benchmark {
  public static final String NAME = "apps";

  private static final Pattern TASK_ID =
      Pattern.compile("(?i)(?:apps/)?(?:([a-z0-9-]+)/)?0*(\\d+)");

  private final List<Problem> problems;
  private final String split;
  private final OutputComparison comparison;
  private final AppsCompatibleHarness harness;

  public AppsBenchmark(List<Problem> problems, String split, OutputComparison comparison) {
    this.problems = List.copyOf(problems);
    this.split = split;
    this.comparison = comparison;
    this.harness =
        comparison instanceof OutputComparison.AppsCompatible ? new AppsCompatibleHarness() : null;
  }

  /**
   * Params of {@code apps}.
   *
   * @param dataset {@code test} (the default: the 10 bundled test problems with full hidden tests,
   *     and CodeRL's example tests), {@code train} (the 5 bundled training problems, with reference
   *     solutions), {@code mapcoder150} or {@code teamcoder300} (the bundled converted sets), or a
   *     path: an APPS split folder in the original layout, or a JSON Lines file in the HF {@code
   *     codeparrot/apps} schema or the MapCoder/TeamCoder schema
   * @param split for a path: the split it holds, {@code test} (the default) or {@code train}
   * @param exampleTests CodeRL's example-test file for the test split; empty for the bundled copy
   * @param comparison {@code strict} (the default) or {@code apps-compatible}
   */
  public record Params(String dataset, String split, String exampleTests, String comparison) {
    public Params {
      dataset = dataset == null ? "test" : dataset;
      split = split == null ? "test" : split;
      exampleTests = exampleTests == null ? "" : exampleTests;
      comparison = comparison == null ? OutputComparison.Strict.NAME : comparison;
      if (!split.equals("test") && !split.equals("train")) {
        throw new IllegalArgumentException("split must be 'test' or 'train', got '" + split + "'");
      }
      OutputComparison.named(comparison);
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Problem> problems() {
    return problems;
  }

  /**
   * The split or set the problem ids carry ({@code test}, {@code train}, {@code mapcoder150}...).
   */
  public String split() {
    return split;
  }

  /** The output comparison of standard-input tests. */
  public OutputComparison comparison() {
    return comparison;
  }

  /** Accepts {@code 203}, {@code "0203"}, {@code "test/0203"} and {@code "apps/test/0203"}. */
  @Override
  public String problemId(String taskId) {
    Matcher m = TASK_ID.matcher(taskId.strip());
    if (!m.matches() || (m.group(1) != null && !m.group(1).equalsIgnoreCase(split))) {
      throw new IllegalArgumentException(
          "APPS task id '"
              + taskId
              + "' not understood for the "
              + split
              + " problems; write 203, \"0203\" or \"apps/"
              + split
              + "/0203\"");
    }
    return AppsIds.problemId(split, Integer.parseInt(m.group(2)));
  }

  @Override
  public String defaultPromptFormat() {
    return CodeRlAppsFormat.NAME;
  }

  /**
   * The program under APPS' import header ({@link AppsHeader}); standard-input tests go through the
   * {@code apps-compatible} harness when that mode is on (its program carries the header too).
   */
  @Override
  public ExecutionJob job(String jobId, Problem problem, String program, TestSuite tests) {
    if (harness != null && tests instanceof TestSuite.Stdin stdin && stdin.size() > 0) {
      return harness.job(jobId, program, stdin);
    }
    return Benchmark.super.job(jobId, problem, AppsHeader.apply(program, tests), tests);
  }

  @Override
  public ExecutionResult interpret(ExecutionResult result) {
    return harness == null ? result : harness.interpret(result);
  }

  /** Builds {@code apps}. */
  public static final class Factory extends ParamsFactory<Benchmark, Params> {
    public Factory() {
      super(Params.class);
    }

    @Override
    protected Benchmark build(Params p) {
      OutputComparison cmp = OutputComparison.named(p.comparison());
      return switch (p.dataset()) {
        case "test" ->
            new AppsBenchmark(
                AppsHfLoader.read(
                        bundled("apps_10.jsonl"), "bundled apps_10.jsonl", "test", examples(p))
                    .problems(),
                "test",
                cmp);
        case "train" ->
            new AppsBenchmark(AppsFolderLoader.readBundledTrain().problems(), "train", cmp);
        case "mapcoder150" ->
            new AppsBenchmark(
                AppsDerivedLoader.read(
                        bundled("derived/mapcoder_selected150.jsonl"),
                        "bundled mapcoder_selected150.jsonl",
                        "mapcoder150")
                    .problems(),
                "mapcoder150",
                cmp);
        case "teamcoder300" ->
            new AppsBenchmark(
                AppsDerivedLoader.read(
                        bundled("derived/teamcoder_selected300.jsonl"),
                        "bundled teamcoder_selected300.jsonl",
                        "teamcoder300")
                    .problems(),
                "teamcoder300",
                cmp);
        default -> fromPath(p, cmp);
      };
    }

    private static AppsBenchmark fromPath(Params p, OutputComparison cmp) {
      Path path = Path.of(p.dataset());
      Map<String, TestSuite> examples = p.split().equals("test") ? examples(p) : Map.of();
      if (Files.isDirectory(path)) {
        return new AppsBenchmark(
            AppsFolderLoader.read(path, p.split(), examples).problems(), p.split(), cmp);
      }
      if (!Files.isRegularFile(path)) {
        throw new IllegalArgumentException(
            "APPS dataset '"
                + p.dataset()
                + "' is neither a bundled set [mapcoder150, teamcoder300, test, train] nor an"
                + " existing folder or JSON Lines file");
      }
      String first;
      try (var lines = Files.lines(path)) {
        first = lines.filter(l -> !l.isBlank()).findFirst().orElse("");
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + path, e);
      }
      try (InputStream in = Files.newInputStream(path)) {
        if (first.contains("\"test_list\"")) {
          String set =
              path.getFileName()
                  .toString()
                  .replaceAll("\\.jsonl$", "")
                  .replaceAll("[^A-Za-z0-9-]", "-");
          return new AppsBenchmark(
              AppsDerivedLoader.read(in, path.toString(), set).problems(), set, cmp);
        }
        return new AppsBenchmark(
            AppsHfLoader.read(in, path.toString(), p.split(), examples).problems(), p.split(), cmp);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + path, e);
      }
    }

    private static Map<String, TestSuite> examples(Params p) {
      if (p.exampleTests().isEmpty()) {
        return AppsExampleTests.bundled();
      }
      try (InputStream in = Files.newInputStream(Path.of(p.exampleTests()))) {
        Map<String, TestSuite> out = new java.util.LinkedHashMap<>();
        AppsExampleTests.read(in, p.exampleTests())
            .forEach((id, s) -> s.ifPresent(x -> out.put(id, x)));
        return out;
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read example tests " + p.exampleTests(), e);
      }
    }

    private static InputStream bundled(String rel) {
      InputStream in = AppsBenchmark.class.getResourceAsStream("data/" + rel);
      if (in == null) {
        throw new IllegalStateException("bundled data/" + rel + " is missing from the jar");
      }
      return in;
    }
  }
}
