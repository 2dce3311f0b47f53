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
 * The sample stage (§3.3, Fig. 2; §4.1): for every training problem, N programs from the sampler and
 * the greedy baseline {@code W^b}, each run against the hidden tests; written to
 * {@code samples.jsonl} one problem at a time, so that a killed run resumes at the next problem.
 */
public final class SampleStage {
  private SampleStage() {}

  /**
   * Samples (or resumes) and returns every record of the stage.
   *
   * @param checkpoint the actor to sample from (normally the warm-start's); empty for the configured one
   */
  public static List<SampleRecord> run(StageDir dir, ActorSource actors, Optional<Path> checkpoint,
      List<TrainingTask> tasks, SampleConfig cfg, DecodingStrategy sampler, DecodingStrategy baseline,
      Tasks codec, Benchmark benchmark, ProgramRunner runner, long seed) {
    Path file = dir.resolve("samples.jsonl");
    Optional<StageDir.State> state = dir.state();
    if (state.isPresent() && state.get().done()) {
      return StageDir.readJsonLines(file, SampleRecord.class);
    }
    // Keep only complete problems (the baseline and every sample), in case a run was killed mid-write.
    List<SampleRecord> existing = StageDir.readJsonLines(file, SampleRecord.class);
    Map<String, List<SampleRecord>> byProblem = new LinkedHashMap<>();
    existing.forEach(r -> byProblem.computeIfAbsent(r.problemId(), k -> new ArrayList<>()).add(r));
    List<SampleRecord> kept = new ArrayList<>();
    Set<String> done = new HashSet<>();
    byProblem.forEach((id, rs) -> {
      if (rs.size() == cfg.samplesPerProblem() + 1) {
        kept.addAll(rs);
        done.add(id);
      }
    });
    if (kept.size() != existing.size()) {
      StringBuilder sb = new StringBuilder();
      var json = StageDir.mapper();
      for (SampleRecord r : kept) {
        try {
          sb.append(json.writeValueAsString(r)).append('\n');
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
          throw new IllegalStateException(e);
        }
      }
      dir.writeString("samples.jsonl", sb.toString());
    }
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
          List<List<Generation>> samples = sampler.decode(actor, prompts, cfg.samplesPerProblem(), batchSeed);
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
              runs.add(new Tasks.Run(t.id() + "#" + kind + "#" + index, t.problem(),
                  codec.program(t.problem(), g.tokens()), t.problem().hiddenTests()));
              gens.add(g);
              kinds.add(kind);
              indices.add(index);
            }
          }
          long t1 = System.nanoTime();
          List<ExecutionResult> results = Tasks.execute(benchmark, runner, runs, ProgramRunner.RunListener.NONE);
          execSeconds += (System.nanoTime() - t1) / 1e9;
          programs += runs.size();
          for (int k = 0; k < runs.size(); k++) {
            Tasks.Run r = runs.get(k);
            SampleRecord rec = SampleRecord.of(r.problem().id(), kinds.get(k), indices.get(k),
                gens.get(k).tokens(), gens.get(k).finished(), r.program(), results.get(k),
                r.tests().size());
            dir.appendJsonLine("samples.jsonl", rec);
            all.add(rec);
          }
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
      out.computeIfAbsent(r.kind(), k -> new TreeMap<>()).merge(r.outcome(), 1, Integer::sum);
    }
    return out;
  }
}
