package dev.coderl4j.evalplus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coderl4j.core.benchmark.Benchmark;
import dev.coderl4j.core.benchmark.DataFormatException;
import dev.coderl4j.core.exec.ExecutionJob;
import dev.coderl4j.core.exec.ExecutionLimits;
import dev.coderl4j.core.plugin.ParamsFactory;
import dev.coderl4j.core.problem.Problem;
import dev.coderl4j.core.problem.TestSuite;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HumanEval+ or MBPP+ scored by EvalPlus' rules (Liu et al. 2023): each base and plus input is a
 * test whose expected output is the canonical solution's, checked by EvalPlus' comparison and
 * special oracles, within max(4 s, 4 x the canonical time) (docs/benchmarks.md).
 *
 * <p>The hidden tests are the base inputs, then the plus inputs; the first {@code n} of them form
 * the group {@code base}, so {@code coderl evaluate} reports {@code pass_at_k_base} beside the
 * headline {@code pass_at_k} (base + plus). Every task is scored, one without samples as failed.
 * Expected outputs are computed lazily, on the first call that needs the problems.
 */
public final class EvalPlusBenchmark implements Benchmark {
  /** HumanEval+ v0.1.10 (164 tasks). */
  public static final String HUMANEVAL_NAME = "humaneval-plus";

  /** MBPP+ v0.2.0 (378 tasks); v0.1.0 (399) is read too. */
  public static final String MBPP_NAME = "mbpp-plus";

  /** The group of hidden tests that are EvalPlus' base inputs. */
  public static final String BASE = "base";

  /** Metadata keys. */
  static final String ENTRY_POINT = "entry_point";

  static final String BASE_TESTS = "base_tests";

  static final String BASE_INPUTS = "base_inputs";

  /** EvalPlus' {@code EVALPLUS_TIMEOUT_PER_TASK} default: the cap on one input set, in seconds. */
  static final double SET_CAP_SECONDS = 60;

  /** EvalPlus' memory cap ({@code EVALPLUS_MAX_MEMORY_BYTES}, 4 GiB). */
  static final int MEMORY_MB = 4096;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** The names the trusted run's literals use, bound as parameters where they are read. */
  static final String LITERAL_NAMES =
      "_ce_inf, _ce_nan, _ce_hex, _ce_complex, _ce_set, _ce_frozenset, _ce_digest";

  /** The two datasets: how their ids read and which tasks have special oracles. */
  enum Dataset {
    HUMANEVAL(HUMANEVAL_NAME, "HumanEval/", "humaneval", "humanevalplus/HumanEvalPlus.jsonl.gz"),
    MBPP(MBPP_NAME, "Mbpp/", "mbpp", "mbppplus/MbppPlus.jsonl.gz");

    final String benchmark;
    final String prefix;
    final String kind;
    final String defaultPath;

    Dataset(String benchmark, String prefix, String kind, String defaultPath) {
      this.benchmark = benchmark;
      this.prefix = prefix;
      this.kind = kind;
      this.defaultPath = defaultPath;
    }

    /** EvalPlus' special oracles, keyed as EvalPlus keys them (MBPP: by entry point). */
    Oracle oracle(EvalPlusTask t) {
      return switch (this) {
        case HUMANEVAL -> t.entryPoint().equals("find_zero") ? Oracle.FIND_ZERO : Oracle.EXACT;
        case MBPP ->
            switch (t.entryPoint()) {
              case "similar_elements",
                  "find_char_long",
                  "common_in_nested_lists",
                  "extract_singly",
                  "larg_nnum",
                  "intersection_array",
                  "find_dissimilar",
                  "Diff" ->
                  Oracle.SET;
              case "check_str", "text_match_three", "text_starta_endb" -> Oracle.NOT_NONE;
              case "surface_Area" -> Oracle.SURFACE_AREA;
              case "digit_distance_nums" -> Oracle.DIGIT_DISTANCE;
              case "are_equivalent" -> Oracle.ALWAYS;
              case "sum_div" -> Oracle.OR_ZERO;
              default -> Oracle.EXACT;
            };
      };
    }
  }

  /**
   * Params of {@code humaneval-plus} and {@code mbpp-plus}.
   *
   * @param path the dataset file ({@code .jsonl} or {@code .jsonl.gz}); default: the shared copy
   *     beside the clone, {@code shared/data/humanevalplus/HumanEvalPlus.jsonl.gz} or {@code
   *     shared/data/mbppplus/MbppPlus.jsonl.gz} in the working folder or above
   * @param python the CPython that computes expected outputs (default {@code python3})
   * @param cacheDir where they are cached (default {@code ~/.cache/coderl4j/evalplus})
   * @param minTimeLimit EvalPlus' {@code --min-time-limit}, seconds (4)
   * @param timeFactor EvalPlus' {@code --gt-time-limit-factor} (4)
   */
  public record Params(
      String path, String python, String cacheDir, Double minTimeLimit, Double timeFactor) {
    public Params {
      path = path == null ? "" : path;
      python = python == null || python.isBlank() ? "python3" : python;
      cacheDir = cacheDir == null ? "" : cacheDir;
      minTimeLimit = minTimeLimit == null ? 4.0 : minTimeLimit;
      timeFactor = timeFactor == null ? 4.0 : timeFactor;
      if (minTimeLimit <= 0) {
        throw new IllegalArgumentException("minTimeLimit must be > 0 seconds, e.g. 4 (EvalPlus')");
      }
      if (timeFactor < 1) {
        throw new IllegalArgumentException("timeFactor must be >= 1, e.g. 4 (EvalPlus')");
      }
    }
  }

  private final Dataset dataset;
  private final Params params;
  private final Path file;
  private final Pattern taskId;
  private List<Problem> problems;
  private ExecutionLimits limits;

  EvalPlusBenchmark(Dataset dataset, Params params) {
    this.dataset = dataset;
    this.params = params;
    this.file = DataFile.require(dataset.benchmark, params.path(), dataset.defaultPath);
    this.taskId = Pattern.compile("(?i)(?:" + Pattern.quote(dataset.prefix) + ")?0*(\\d+)");
  }

  @Override
  public String name() {
    return dataset.benchmark;
  }

  @Override
  public synchronized List<Problem> problems() {
    if (problems == null) {
      load();
    }
    return problems;
  }

  /** Accepts {@code "HumanEval/0"} / {@code "Mbpp/2"} (EvalPlus' form) and the bare number. */
  @Override
  public String problemId(String id) {
    Matcher m = taskId.matcher(id.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          dataset.benchmark
              + " task id '"
              + id
              + "' not understood; write \""
              + dataset.prefix
              + "<n>\" as EvalPlus does");
    }
    return dataset.prefix + Integer.parseInt(m.group(1));
  }

  @Override
  public String defaultPromptFormat() {
    return EvalPlusFormat.NAME;
  }

  /** Stops at the first failing input, as EvalPlus' default (fast) check does. */
  @Override
  public ExecutionJob job(String jobId, Problem problem, String program, TestSuite tests) {
    return new ExecutionJob(jobId, program, tests, true);
  }

  @Override
  public Map<String, Integer> hiddenTestGroups(Problem problem) {
    String n = problem.metadata().get(BASE_TESTS);
    return n == null ? Map.of() : Map.of(BASE, Integer.parseInt(n));
  }

  @Override
  public boolean scoresEveryProblem() {
    return true;
  }

  @Override
  public synchronized Optional<ExecutionLimits> limits() {
    if (limits == null) {
      load();
    }
    return Optional.of(limits);
  }

  private void load() {
    List<EvalPlusTask> tasks = EvalPlusTask.read(file, dataset.prefix);
    List<String> inline = new ArrayList<>();
    for (EvalPlusTask t : tasks) {
      if (dataset.oracle(t) != Oracle.EXACT) {
        inline.add(t.taskId());
      }
    }
    Path cache =
        params.cacheDir().isEmpty()
            ? TrustedPython.defaultCache("evalplus")
            : Path.of(params.cacheDir());
    JsonNode truth =
        new TrustedPython(params.python(), cache)
            .cached(
                dataset.benchmark,
                List.of("evalplus_truth.py", "evalplus_check.py"),
                dataset.kind,
                file,
                List.of(String.join(",", inline)));
    String harness = TrustedPython.resource("evalplus_check.py");
    List<Problem> out = new ArrayList<>(tasks.size());
    double maxTest = params.minTimeLimit();
    double maxJob = 0;
    for (EvalPlusTask t : tasks) {
      JsonNode rec = truth.get(t.taskId());
      if (rec == null) {
        throw new DataFormatException(file + ": the trusted run has no outputs for " + t.taskId());
      }
      List<Double> baseLimits = limits(rec.get("base_time"));
      List<Double> plusLimits = limits(rec.get("plus_time"));
      double baseCap = cap(baseLimits);
      double plusCap = cap(plusLimits);
      List<Double> all = new ArrayList<>(baseLimits);
      all.addAll(plusLimits);
      for (double l : all) {
        maxTest = Math.max(maxTest, l);
      }
      maxJob = Math.max(maxJob, baseCap + plusCap);
      String setup =
          harness
              + "\n_coderl_ep = _coderl_ep_make(lambda: "
              + t.entryPoint()
              + ", "
              + py(dataset.oracle(t).pythonName())
              + ", "
              + t.atol()
              + ", "
              + baseLimits.size()
              + ", "
              + all
              + ", ["
              + baseCap
              + ", "
              + plusCap
              + "], lambda "
              + LITERAL_NAMES
              + ": (("
              + rec.get("base_inputs").asText()
              + ") + ("
              + rec.get("plus_inputs").asText()
              + "), ("
              + rec.get("base").asText()
              + ") + ("
              + rec.get("plus").asText()
              + ")))\n"
              + "del _coderl_ep_make\n";
      List<String> asserts = new ArrayList<>(all.size());
      for (int i = 0; i < all.size(); i++) {
        asserts.add("_coderl_ep(" + i + ")");
      }
      out.add(
          new Problem(
              t.taskId(),
              dataset.benchmark,
              t.prompt(),
              t.prompt(),
              Optional.empty(),
              new TestSuite.Asserts("", List.of()),
              new TestSuite.Asserts(setup, asserts),
              List.of(t.prompt() + t.canonicalSolution()),
              Map.of(
                  ENTRY_POINT,
                  t.entryPoint(),
                  BASE_TESTS,
                  Integer.toString(baseLimits.size()),
                  BASE_INPUTS,
                  rec.get("base_inputs").asText(),
                  "atol",
                  Double.toString(t.atol()),
                  "oracle",
                  dataset.oracle(t).pythonName())));
    }
    // The runner's own limits are only the outer bound against hangs: the harness holds each
    // input's call to its own limit and each input set to its cap, as EvalPlus does; the slack
    // covers comparing large outputs and reading the inputs.
    Duration perTest = Duration.ofMillis((long) Math.ceil((2 * maxTest + 2) * 1000));
    Duration perJob = Duration.ofMillis((long) Math.ceil((maxJob + 10) * 1000));
    ExecutionLimits d = ExecutionLimits.defaults();
    this.limits =
        new ExecutionLimits(
            perTest,
            perJob.compareTo(perTest) < 0 ? perTest : perJob,
            d.maxOutputBytes(),
            MEMORY_MB,
            d.maxRecursionDepth());
    this.problems = List.copyOf(out);
  }

  private List<Double> limits(JsonNode times) {
    List<Double> out = new ArrayList<>(times.size());
    for (JsonNode t : times) {
      out.add(Math.max(params.minTimeLimit(), params.timeFactor() * t.asDouble()));
    }
    return out;
  }

  /** EvalPlus' cap on one input set: min(60 s, the sum of its limits) + 1 s. */
  private static double cap(List<Double> limits) {
    double sum = limits.stream().mapToDouble(Double::doubleValue).sum();
    return Math.min(SET_CAP_SECONDS, sum) + 1;
  }

  /** A Python string literal (JSON's escapes are Python's). */
  static String py(String s) {
    try {
      return MAPPER.writeValueAsString(s);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Builds {@code humaneval-plus}. */
  public static final class HumanEvalFactory extends ParamsFactory<Benchmark, Params> {
    public HumanEvalFactory() {
      super(Params.class);
    }

    @Override
    protected Benchmark build(Params p) {
      return new EvalPlusBenchmark(Dataset.HUMANEVAL, p);
    }
  }

  /** Builds {@code mbpp-plus}. */
  public static final class MbppFactory extends ParamsFactory<Benchmark, Params> {
    public MbppFactory() {
      super(Params.class);
    }

    @Override
    protected Benchmark build(Params p) {
      return new EvalPlusBenchmark(Dataset.MBPP, p);
    }
  }
}
