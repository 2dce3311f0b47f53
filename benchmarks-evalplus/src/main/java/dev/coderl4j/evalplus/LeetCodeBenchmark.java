package dev.coderl4j.evalplus;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coderl4j.core.benchmark.Benchmark;
import dev.coderl4j.core.benchmark.DataFormatException;
import dev.coderl4j.core.benchmark.JsonRecord;
import dev.coderl4j.core.exec.ExecutionJob;
import dev.coderl4j.core.exec.ExecutionLimits;
import dev.coderl4j.core.plugin.ParamsFactory;
import dev.coderl4j.core.problem.Problem;
import dev.coderl4j.core.problem.TestSuite;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * LeetCodeDataset (Xia et al. 2025) as a benchmark and a training set with reference solutions: the
 * program is the dataset's {@code prompt} (imports and helpers) then the solution, tested by {@code
 * check(entry_point)}'s asserts, one test each (CodeRL §4; docs/benchmarks.md).
 *
 * <p>Each assert is held to max(4 s, 4 x the reference's time on it) and the whole program to
 * max(60 s, 4 x the reference's total), both measured once per machine in a trusted CPython run;
 * the dataset's own harness gives every program 3 s, which 7 references exceed on a 2-core machine.
 * Difficulties are Easy, Medium and Hard (v0.2.0-test's "Meidum" is read as Medium).
 */
public final class LeetCodeBenchmark implements Benchmark {
  public static final String NAME = "leetcode";

  /** Metadata keys: the function under test and the dataset's preamble. */
  static final String ENTRY_POINT = "entry_point";

  static final String PREAMBLE = "prompt";

  /**
   * Problems whose reference returns a list of lists in set order while its asserts compare the
   * exact list: compared order-free (sorted on both sides), so scores do not depend on the hash
   * seed.
   */
  static final Set<String> ORDER_FREE = Set.of("word-ladder-ii");

  private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]*");

  private static final List<String> VENDORED =
      List.of("__init__", "sortedlist", "sortedset", "sorteddict");

  /** The splits and their files under {@code shared/data/leetcode}. */
  enum Split {
    TRAIN("train", "LeetCodeDataset-v0.2.0-train.jsonl.gz"),
    TEST("test", "LeetCodeDataset-v0.3.1-test.jsonl.gz"),
    V020_TEST("v0.2.0-test", "LeetCodeDataset-v0.2.0-test.jsonl.gz");

    final String param;
    final String file;

    Split(String param, String file) {
      this.param = param;
      this.file = file;
    }

    static Split of(String name) {
      for (Split s : values()) {
        if (s.param.equals(name)) {
          return s;
        }
      }
      throw new IllegalArgumentException(
          "leetcode split '"
              + name
              + "' unknown; known: [train, test, v0.2.0-test] (test, v0.3.1, is the default)");
    }
  }

  /**
   * Params of {@code leetcode}.
   *
   * @param split {@code train} (v0.2.0, 1,890 problems), {@code test} (v0.3.1, 228; the default) or
   *     {@code v0.2.0-test} (200)
   * @param path the split's file; default {@code shared/data/leetcode/<file>} in the working folder
   *     or above
   * @param python the CPython that times the references (default {@code python3})
   * @param cacheDir where the timings are cached (default {@code ~/.cache/coderl4j/leetcode})
   * @param minTimeLimit the floor of an assert's limit, seconds (4)
   * @param timeFactor an assert's and a program's limit as a multiple of the reference's time (4)
   */
  public record Params(
      String split,
      String path,
      String python,
      String cacheDir,
      Double minTimeLimit,
      Double timeFactor) {
    public Params {
      split = split == null || split.isBlank() ? "test" : split;
      Split.of(split);
      path = path == null ? "" : path;
      python = python == null || python.isBlank() ? "python3" : python;
      cacheDir = cacheDir == null ? "" : cacheDir;
      minTimeLimit = minTimeLimit == null ? 4.0 : minTimeLimit;
      timeFactor = timeFactor == null ? 4.0 : timeFactor;
      if (minTimeLimit <= 0) {
        throw new IllegalArgumentException("minTimeLimit must be > 0 seconds, e.g. 4");
      }
      if (timeFactor < 1) {
        throw new IllegalArgumentException("timeFactor must be >= 1, e.g. 4");
      }
    }
  }

  /** The minimum whole-program limit, seconds (EvalPlus' per-set cap). */
  static final double MIN_PROGRAM_SECONDS = 60;

  private final Params params;
  private final Path file;
  private List<Problem> problems;
  private ExecutionLimits limits;
  private String vendor;

  LeetCodeBenchmark(Params params) {
    this.params = params;
    this.file = DataFile.require(NAME, params.path(), "leetcode/" + Split.of(params.split()).file);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public synchronized List<Problem> problems() {
    if (problems == null) {
      load();
    }
    return problems;
  }

  /** Accepts the dataset's {@code task_id} (the title slug), with or without {@code leetcode/}. */
  @Override
  public String problemId(String taskId) {
    String s = taskId.strip();
    s = s.startsWith("leetcode/") ? s.substring("leetcode/".length()) : s;
    if (!SLUG.matcher(s).matches()) {
      throw new IllegalArgumentException(
          "leetcode task id '"
              + taskId
              + "' not understood; write the dataset's task_id, a title slug such as \"two-sum\"");
    }
    return s;
  }

  @Override
  public String defaultPromptFormat() {
    return LeetCodeFormat.NAME;
  }

  /**
   * The dataset's program: its {@code prompt} (imports, helpers), then the solution; with
   * sortedcontainers built in first when the program uses it. A program that already starts with
   * the prompt is run as it is.
   */
  @Override
  public ExecutionJob job(String jobId, Problem problem, String program, TestSuite tests) {
    String preamble = problem.metadata().getOrDefault(PREAMBLE, "");
    String full = program.startsWith(preamble) ? program : preamble + "\n" + program;
    if (full.contains("sortedcontainers")) {
      full = vendor() + full;
    }
    return new ExecutionJob(jobId, full, tests, true);
  }

  @Override
  public synchronized Optional<ExecutionLimits> limits() {
    if (limits == null) {
      load();
    }
    return Optional.of(limits);
  }

  private synchronized String vendor() {
    if (vendor == null) {
      StringBuilder sb = new StringBuilder(TrustedPython.resource("leetcode_vendor.py"));
      sb.append("\n_coderl_vendor({");
      for (String m : VENDORED) {
        sb.append(EvalPlusBenchmark.py(m))
            .append(": ")
            .append(EvalPlusBenchmark.py(TrustedPython.resource("sortedcontainers/" + m + ".py")))
            .append(", ");
      }
      vendor = sb.append("})\ndel _coderl_vendor\n").toString();
    }
    return vendor;
  }

  /** One record of the file, in either schema (v0.3.x or v0.2.0's {@code meta}). */
  private record Row(
      String id,
      String difficulty,
      String statement,
      String starter,
      String prompt,
      String completion,
      String entry) {}

  private List<Row> rows() {
    List<Row> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    String source = file.toString();
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(DataFile.open(file), StandardCharsets.UTF_8))) {
      String line;
      int lineNo = 0;
      while ((line = r.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        JsonRecord rec = JsonRecord.parseLine(source, lineNo, line);
        String id = rec.text("task_id");
        if (!SLUG.matcher(id).matches() || !seen.add(id)) {
          throw rec.error("task_id", "must be a unique title slug, got " + id);
        }
        String difficulty;
        String statement;
        String starter;
        if (rec.has("meta")) {
          JsonRecord meta = new JsonRecord(rec.field("meta"), source, lineNo);
          difficulty = meta.text("difficulty");
          statement = meta.text("question_title");
          starter = meta.text("lang_code");
        } else {
          difficulty = rec.text("difficulty");
          statement = rec.text("problem_description");
          starter = rec.text("starter_code");
        }
        difficulty =
            switch (difficulty) {
              case "Easy", "Medium", "Hard" -> difficulty;
              case "Meidum" -> "Medium"; // the typo of 21 v0.2.0-test records
              default ->
                  throw rec.error("difficulty", "must be Easy, Medium or Hard, got " + difficulty);
            };
        out.add(
            new Row(
                id,
                difficulty,
                statement,
                starter,
                rec.text("prompt"),
                rec.text("completion"),
                rec.text("entry_point")));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + source, e);
    }
    if (out.isEmpty()) {
      throw new DataFormatException(source + ": no LeetCodeDataset problems found");
    }
    return out;
  }

  private void load() {
    List<Row> rows = rows();
    Path cache =
        params.cacheDir().isEmpty()
            ? TrustedPython.defaultCache("leetcode")
            : Path.of(params.cacheDir());
    List<String> scripts = new ArrayList<>(List.of("leetcode_truth.py", "leetcode_vendor.py"));
    JsonNode truth =
        new TrustedPython(params.python(), cache)
            .cachedWithDir(
                NAME + "-" + params.split(),
                scripts,
                String.join(",", ORDER_FREE),
                file,
                "sortedcontainers",
                VENDORED.stream().map(m -> m + ".py").toList());
    String harness = TrustedPython.resource("leetcode_check.py");
    double maxTest = params.minTimeLimit();
    double maxProgram = 0;
    List<Problem> out = new ArrayList<>(rows.size());
    for (Row row : rows) {
      JsonNode rec = truth.get(row.id());
      if (rec == null) {
        throw new DataFormatException(file + ": the trusted run has no timings for " + row.id());
      }
      List<String> tests = new ArrayList<>();
      rec.get("tests").forEach(t -> tests.add(t.asText()));
      List<Double> testLimits = new ArrayList<>();
      double total = 0;
      for (JsonNode t : rec.get("times")) {
        testLimits.add(Math.max(params.minTimeLimit(), params.timeFactor() * t.asDouble()));
        total += t.asDouble();
      }
      while (testLimits.size() < tests.size()) {
        testLimits.add(params.minTimeLimit()); // the reference stopped early (see its failures)
      }
      double cap = Math.max(MIN_PROGRAM_SECONDS, params.timeFactor() * total);
      maxProgram = Math.max(maxProgram, cap);
      for (double l : testLimits) {
        maxTest = Math.max(maxTest, l);
      }
      StringBuilder setup = new StringBuilder(harness).append('\n');
      List<String> names = new ArrayList<>();
      for (int i = 0; i < tests.size(); i++) {
        names.add("_coderl_lc_t" + i);
        setup.append(
            tests.get(i).replaceFirst("^def _coderl_lc_test\\(", "def _coderl_lc_t" + i + "("));
      }
      setup
          .append("_coderl_lc = _coderl_lc_make(lambda: ")
          .append(row.entry())
          .append(", [")
          .append(String.join(", ", names))
          .append("], ")
          .append(testLimits)
          .append(", ")
          .append(cap)
          .append(")\ndel _coderl_lc_make\n");
      List<String> asserts = new ArrayList<>(tests.size());
      for (int i = 0; i < tests.size(); i++) {
        asserts.add("_coderl_lc(" + i + ")");
      }
      Map<String, String> meta = new LinkedHashMap<>();
      meta.put(ENTRY_POINT, row.entry());
      meta.put(PREAMBLE, row.prompt());
      meta.put("split", params.split());
      meta.put("reference_seconds", Double.toString(total));
      List<String> failures = new ArrayList<>();
      rec.get("failures").forEach(f -> failures.add(f.asText()));
      if (!failures.isEmpty()) {
        meta.put("reference_failures", String.join("; ", failures));
      }
      out.add(
          new Problem(
              row.id(),
              NAME,
              row.statement(),
              row.starter(),
              Optional.of(row.difficulty()),
              new TestSuite.Asserts("", List.of()),
              new TestSuite.Asserts(setup.toString(), asserts),
              List.of(row.completion()),
              meta));
    }
    ExecutionLimits d = ExecutionLimits.defaults();
    Duration perTest = Duration.ofMillis((long) Math.ceil((2 * maxTest + 2) * 1000));
    Duration perJob = Duration.ofMillis((long) Math.ceil((maxProgram + 10) * 1000));
    this.limits =
        new ExecutionLimits(
            perTest,
            perJob.compareTo(perTest) < 0 ? perTest : perJob,
            d.maxOutputBytes(),
            d.maxMemoryMb(),
            d.maxRecursionDepth());
    this.problems = List.copyOf(out);
  }

  /** Builds {@code leetcode}. */
  public static final class Factory extends ParamsFactory<Benchmark, Params> {
    public Factory() {
      super(Params.class);
    }

    @Override
    protected Benchmark build(Params p) {
      return new LeetCodeBenchmark(p);
    }
  }
}
