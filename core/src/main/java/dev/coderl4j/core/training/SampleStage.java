package dev.coderl4j.core.training;

import dev.coderl4j.core.benchmark.Benchmark;
import dev.coderl4j.core.config.SampleConfig;
import dev.coderl4j.core.exec.ExecutionResult;
import dev.coderl4j.core.exec.ProgramRunner;
import dev.coderl4j.core.lm.Actor;
import dev.coderl4j.core.lm.DecodingStrategy;
import dev.coderl4j.core.lm.Generation;
import dev.coderl4j.core.lm.TokenPair;
import dev.coderl4j.core.progress.Progress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The sample stage (§3.3, Fig. 2; §4.1): for every training problem, N programs from the sampler
 * and the greedy baseline {@code W^b}, each run against the hidden tests; written to {@code
 * samples.jsonl} one problem at a time, so that a killed run resumes at the next problem.
 */
public final class SampleStage {
  /** The stage's records, a {@link ResultsLog} of {@link SampleRecord}s. */
  public static final String FILE = "samples.jsonl";

  private SampleStage() {}

  /**
   * Samples (or resumes) and returns every record of the stage.
   *
   * @param checkpoint the actor to sample from (normally the warm-start's); empty for the
   *     configured one
   */
  public static List<SampleRecord> run(
      StageDir dir,
      ActorSource actors,
      Optional<Path> checkpoint,
      List<TrainingTask> tasks,
      SampleConfig cfg,
      DecodingStrategy sampler,
      DecodingStrategy baseline,
      Tasks codec,
      Benchmark benchmark,
      ProgramRunner runner,
      long seed) {
    Optional<StageDir.State> state = dir.state();
    if (state.isPresent() && state.get().done()) {
      return records(dir);
    }
    try (ResultsLog<SampleRecord> log = ResultsLog.open(dir.resolve(FILE), SampleRecord.class)) {
      return sample(
          dir,
          log,
          actors,
          checkpoint,
          tasks,
          cfg,
          sampler,
          baseline,
          codec,
          benchmark,
          runner,
          seed);
    }
  }

  /** The records of a sample stage's directory (none when it has not run). */
  public static List<SampleRecord> records(StageDir dir) {
    return StageDir.readJsonLines(dir.resolve(FILE), SampleRecord.class);
  }

  private static List<SampleRecord> sample(
      StageDir dir,
      ResultsLog<SampleRecord> log,
      ActorSource actors,
      Optional<Path> checkpoint,
      List<TrainingTask> tasks,
      SampleConfig cfg,
      DecodingStrategy sampler,
      DecodingStrategy baseline,
      Tasks codec,
      Benchmark benchmark,
      ProgramRunner runner,
      long seed) {
    // Keep only complete problems (the baseline and every sample), in case a run was killed
    // between them.
    Map<String, Integer> counts = new LinkedHashMap<>();
    log.records().forEach(r -> counts.merge(r.problemId(), 1, Integer::sum));
    Set<String> done = new HashSet<>();
    counts.forEach(
        (id, n) -> {
          if (n == cfg.samplesPerProblem() + 1) {
            done.add(id);
          }
        });
    log.retain(r -> done.contains(r.problemId()));
    List<SampleRecord> kept = log.records();
    List<TrainingTask> pending = tasks.stream().filter(t -> !done.contains(t.id())).toList();
    long genTokens = 0;
    double genSeconds = 0;
    double execSeconds = 0;
    long programs = 0;
    List<SampleRecord> all = new ArrayList<>(kept);
    if (!pending.isEmpty()) {
      try (Actor actor = actors.open(checkpoint);
          Progress progress = Progress.stderr("sample", tasks.size())) {
        progress.advance(tasks.size() - pending.size());
        List<List<TrainingTask>> batches = Batches.of(pending, cfg.batchSize());
        for (List<TrainingTask> batch : batches) {
          List<TokenPair> prompts = batch.stream().map(t -> TokenPair.prompt(t.source())).toList();
          // The seed depends on the problem, not on how far an earlier run got.
          long batchSeed = seed * 31 + batch.get(0).id().hashCode();
          long t0 = System.nanoTime();
          List<List<Generation>> samples =
              sampler.decode(actor, prompts, cfg.samplesPerProblem(), batchSeed);
          List<List<Generation>> greedy = baseline.decode(actor, prompts, 1, batchSeed);
          genSeconds += (System.nanoTime() - t0) / 1e9;
          List<Tasks.Run> runs = new ArrayList<>();
          List<Generation> gens = new ArrayList<>();
          List<String> kinds = new ArrayList<>();
          List<Integer> indices = new ArrayList<>();
          for (int i = 0; i < batch.size(); i++) {
            TrainingTask t = batch.get(i);
            List<Generation> row = new ArrayList<>();
            row.add(greedy.get(i).get(0));
            row.addAll(samples.get(i));
            for (int j = 0; j < row.size(); j++) {
              Generation g = row.get(j);
              genTokens += g.tokens().size();
              String kind = j == 0 ? SampleRecord.BASELINE : SampleRecord.SAMPLE;
              int index = j == 0 ? 0 : j - 1;
              runs.add(
                  new Tasks.Run(
                      t.id() + "#" + kind + "#" + index,
                      t.problem(),
                      codec.program(t.problem(), g.tokens()),
                      t.problem().hiddenTests()));
              gens.add(g);
              kinds.add(kind);
              indices.add(index);
            }
          }
          long t1 = System.nanoTime();
          List<ExecutionResult> results =
              Tasks.execute(benchmark, runner, runs, ProgramRunner.RunListener.NONE);
          execSeconds += (System.nanoTime() - t1) / 1e9;
          programs += runs.size();
          List<SampleRecord> recs = new ArrayList<>();
          for (int k = 0; k < runs.size(); k++) {
            Tasks.Run r = runs.get(k);
            recs.add(
                SampleRecord.of(
                    r.problem().id(),
                    kinds.get(k),
                    indices.get(k),
                    gens.get(k).tokens(),
                    gens.get(k).finished(),
                    r.program(),
                    results.get(k),
                    r.tests().size()));
          }
          log.appendAll(recs);
          all.addAll(recs);
          progress.advance(batch.size());
        }
      }
    }
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("problems", tasks.size());
    summary.put("records", all.size());
    summary.put("generatedTokens", genTokens);
    summary.put("generationSeconds", genSeconds);
    summary.put("generatedTokensPerSecond", genTokens / Math.max(genSeconds, 1e-9));
    summary.put("programsExecuted", programs);
    summary.put("executionSeconds", execSeconds);
    summary.put("outcomes", outcomeCounts(all));
    dir.writeJson("summary.json", summary);
    dir.saveState(new StageDir.State(tasks.size(), true, ""));
    return all;
  }

  /** Outcome label → count, separately for samples and baselines. */
  public static Map<String, Map<String, Integer>> outcomeCounts(List<SampleRecord> records) {
    Map<String, Map<String, Integer>> out = new TreeMap<>();
    for (SampleRecord r : records) {
      out.computeIfAbsent(r.kind(), k -> new TreeMap<>())
          .merge(r.outcome().label(), 1, Integer::sum);
    }
    return out;
  }
}
