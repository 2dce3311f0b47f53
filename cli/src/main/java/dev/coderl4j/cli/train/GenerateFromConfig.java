package dev.coderl4j.cli.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coderl4j.core.benchmark.Benchmark;
import dev.coderl4j.core.benchmark.PromptFormat;
import dev.coderl4j.core.config.ConfigLoader;
import dev.coderl4j.core.config.GenerateConfig;
import dev.coderl4j.core.config.RunConfig;
import dev.coderl4j.core.exec.ExecutionResult;
import dev.coderl4j.core.exec.ProgramRunner;
import dev.coderl4j.core.lm.Actor;
import dev.coderl4j.core.lm.DecodingStrategy;
import dev.coderl4j.core.lm.Generation;
import dev.coderl4j.core.lm.TokenPair;
import dev.coderl4j.core.lm.Tokens;
import dev.coderl4j.core.metrics.Bootstrap;
import dev.coderl4j.core.metrics.Estimate;
import dev.coderl4j.core.metrics.PassAtK;
import dev.coderl4j.core.problem.Problem;
import dev.coderl4j.core.progress.Progress;
import dev.coderl4j.core.training.CriticSampling;
import dev.coderl4j.core.training.ExampleCheck;
import dev.coderl4j.core.training.ExampleTestedDecoding;
import dev.coderl4j.core.training.StageDir;
import dev.coderl4j.core.training.Tasks;
import dev.coderl4j.models.hf.HfTokenizer;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Generation from a run config (§4): N programs per test problem with the configured strategy, or
 * with Critic Sampling (§3.3, Fig. 3) when the strategy is {@code critic-sampling}, written as a
 * samples file ({@code task_id}, {@code solution}) that {@code coderl evaluate} scores.
 *
 * <p>The file is written one problem at a time; a rerun skips the problems it already holds.
 */
public final class GenerateFromConfig {
  private GenerateFromConfig() {}

  /**
   * {@code coderl generate --config F}: generates as {@code stages.generate} of the config says and
   * prints where the samples file is (score it with {@code coderl evaluate}).
   */
  public static int runCommand(Path configFile, List<String> overrides, PrintStream log) {
    RunConfig cfg = new ConfigLoader().load(configFile, overrides);
    GenerateConfig gen = cfg.stages().generate();
    if (gen == null) {
      throw new IllegalArgumentException(
          configFile + ": --config needs a stages.generate section (see configs/generate.yaml)");
    }
    try (RunContext ctx = new RunContext(cfg)) {
      ctx.validate();
      Result r = run(ctx, gen, null, null, log);
      log.printf(java.util.Locale.ROOT, "%d problems, %d tokens in %.1f s -> %s%n", r.problems().size(), r.tokens(),
          r.seconds(), r.samplesFile());
    }
    return 0;
  }

  /** The programs of one problem and, for Critic Sampling, what its rounds did. */
  public record Generated(Problem problem, List<String> programs, List<CriticSampling.Round> rounds, long tokens) {}

  /** Everything generated, in problem order. */
  public record Result(Path samplesFile, Benchmark benchmark, List<Generated> problems, double seconds, long tokens) {}

  /**
   * Generates for {@code gen.data()} and writes {@code out/gen.output()}.
   *
   * @param decodingOverride a strategy to use instead of {@code gen.decoding()} (the quick start
   *     compares two); null for none
   */
  public static Result run(RunContext ctx, GenerateConfig gen, DecodingStrategy decodingOverride, String outputOverride,
      PrintStream log) {
    Benchmark benchmark = ctx.benchmark(gen.data());
    PromptFormat format = ctx.format(gen.data(), benchmark);
    List<Problem> problems = RunContext.problems(gen.data(), benchmark);
    Path file = ctx.out().resolve(outputOverride != null ? outputOverride : gen.output());
    Map<String, List<String>> done = readExisting(file, gen.samplesPerProblem());
    Optional<Path> checkpoint = gen.checkpoint().isBlank() ? TrainPipeline.latestActor(ctx) : Optional.of(Path.of(gen.checkpoint()));
    log.println("generate: " + problems.size() + " problems x " + gen.samplesPerProblem() + " programs with "
        + (decodingOverride != null ? decodingOverride.getClass().getSimpleName() : gen.decoding().type())
        + " from " + checkpoint.map(Path::toString).orElse("the configured actor") + " -> " + file);
    DecodingStrategy strategy = decodingOverride != null ? decodingOverride : ctx.decoding(gen.decoding());
    List<Generated> out = new ArrayList<>();
    long tokens = 0;
    double seconds = 0;
    try (HfTokenizer tok = TrainPipeline.tokenizer(ctx.config());
        Actor actor = ctx.actors().open(checkpoint);
        Progress progress = Progress.stderr("generate", problems.size())) {
      Tasks codec = new Tasks(format, tok, 600, 512);
      for (int i = 0; i < problems.size(); i++) {
        Problem p = problems.get(i);
        if (done.containsKey(p.id())) {
          out.add(new Generated(p, done.get(p.id()), List.of(), 0));
          progress.advance(1);
          continue;
        }
        List<TokenPair> inputs = List.of(TokenPair.prompt(codec.source(p)));
        long seed = ctx.config().seed() * 31 + p.id().hashCode();
        long t0 = System.nanoTime();
        List<Generation> gens;
        List<CriticSampling.Round> rounds = List.of();
        if (strategy instanceof ExampleTestedDecoding cs) {
          CriticSampling.Result r = cs.decode(actor, inputs, List.of(exampleCheck(ctx, benchmark, codec, p)),
              gen.samplesPerProblem(), seed);
          gens = r.generations().get(0);
          rounds = r.rounds().get(0);
        } else {
          gens = strategy.decode(actor, inputs, gen.samplesPerProblem(), seed).get(0);
        }
        seconds += (System.nanoTime() - t0) / 1e9;
        long n = gens.stream().mapToLong(g -> g.tokens().size()).sum();
        tokens += n;
        List<String> programs = gens.stream().map(g -> codec.program(p, g.tokens())).toList();
        append(file, p.id(), programs);
        out.add(new Generated(p, programs, rounds, n));
        progress.advance(1);
      }
    } finally {
      if (strategy instanceof AutoCloseable c && decodingOverride == null) {
        try {
          c.close();
        } catch (Exception e) {
          log.println("warning: closing the decoding strategy failed: " + e);
        }
      }
    }
    return new Result(file, benchmark, out, seconds, tokens);
  }

  /** Runs a problem's programs against its example tests (Critic Sampling's filter, Fig. 3 step 2). */
  public static ExampleCheck exampleCheck(RunContext ctx, Benchmark benchmark, Tasks codec, Problem p) {
    if (p.exampleTests().size() == 0) {
      return ExampleCheck.NONE;
    }
    return programs -> {
      List<Tasks.Run> runs = new ArrayList<>();
      for (int j = 0; j < programs.size(); j++) {
        Tokens t = programs.get(j);
        runs.add(new Tasks.Run(p.id() + "#example#" + j, p, codec.program(p, t), p.exampleTests()));
      }
      return Tasks.execute(benchmark, ctx.runner(), runs, ProgramRunner.RunListener.NONE).stream()
          .map(ExecutionResult::passed).toList();
    };
  }

  /**
   * Runs every program against its problem's hidden tests and estimates pass@k for each k ≤ N with
   * a bootstrap confidence interval over problems.
   */
  public static Map<String, Object> evaluate(RunContext ctx, Result result, List<Integer> ks) {
    List<Tasks.Run> runs = new ArrayList<>();
    List<Integer> owner = new ArrayList<>();
    for (int i = 0; i < result.problems().size(); i++) {
      Generated g = result.problems().get(i);
      for (int j = 0; j < g.programs().size(); j++) {
        runs.add(new Tasks.Run(g.problem().id() + "#eval#" + j, g.problem(), g.programs().get(j), g.problem().hiddenTests()));
        owner.add(i);
      }
    }
    List<ExecutionResult> results;
    try (Progress progress = Progress.stderr("execute", runs.size())) {
      results = Tasks.execute(result.benchmark(), ctx.runner(), runs, (index, r) -> progress.advance(1));
    }
    int[] correct = new int[result.problems().size()];
    int[] total = new int[result.problems().size()];
    Map<String, Integer> outcomes = new TreeMap<>();
    for (int k = 0; k < results.size(); k++) {
      total[owner.get(k)]++;
      if (results.get(k).passed()) {
        correct[owner.get(k)]++;
      }
      outcomes.merge(results.get(k).outcome().label(), 1, Integer::sum);
    }
    Map<String, Object> passAtK = new LinkedHashMap<>();
    Map<String, Object> intervals = new LinkedHashMap<>();
    Bootstrap bootstrap = Bootstrap.defaults();
    for (int k : ks) {
      List<Double> perProblem = new ArrayList<>();
      boolean ok = true;
      for (int i = 0; i < correct.length; i++) {
        if (total[i] < k) {
          ok = false;
          break;
        }
        perProblem.add(PassAtK.estimate(total[i], correct[i], k));
      }
      if (!ok || perProblem.isEmpty()) {
        continue;
      }
      Estimate e = bootstrap.estimate(perProblem);
      passAtK.put(String.valueOf(k), e.value());
      intervals.put(String.valueOf(k), List.of(e.ciLow(), e.ciHigh()));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("pass_at_k", passAtK);
    out.put("ci95", intervals);
    out.put("problems", correct.length);
    out.put("problems_solved", java.util.Arrays.stream(correct).filter(c -> c > 0).count());
    out.put("programs", results.size());
    out.put("outcomes", outcomes);
    return out;
  }

  private static Map<String, List<String>> readExisting(Path file, int n) {
    Map<String, List<String>> byId = new LinkedHashMap<>();
    if (!Files.exists(file)) {
      return byId;
    }
    ObjectMapper json = StageDir.mapper();
    List<String> keep = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        try {
          JsonNode node = json.readTree(line);
          byId.computeIfAbsent(node.path("task_id").asText(), k -> new ArrayList<>()).add(node.path("solution").asText());
          keep.add(line);
        } catch (IOException e) {
          // a torn last line of a killed run
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    byId.values().removeIf(l -> l.size() != n);
    // Rewrite without incomplete problems so that appending them again leaves no duplicates.
    List<String> complete = keep.stream().filter(l -> {
      try {
        return byId.containsKey(json.readTree(l).path("task_id").asText());
      } catch (IOException e) {
        return false;
      }
    }).toList();
    try {
      Files.write(file, complete, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot rewrite " + file, e);
    }
    return byId;
  }

  private static void append(Path file, String problemId, List<String> programs) {
    ObjectMapper json = StageDir.mapper();
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND)) {
        StringBuilder sb = new StringBuilder();
        for (String program : programs) {
          Map<String, Object> rec = new LinkedHashMap<>();
          rec.put("task_id", problemId);
          rec.put("solution", program);
          sb.append(json.writeValueAsString(rec)).append('\n');
        }
        w.write(sb.toString());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
