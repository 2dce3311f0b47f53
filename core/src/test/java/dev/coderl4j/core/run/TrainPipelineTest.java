package dev.coderl4j.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.coderl4j.core.CoreModule;
import dev.coderl4j.core.config.ConfigLoader;
import dev.coderl4j.core.config.RunConfig;
import dev.coderl4j.core.exec.Outcome;
import dev.coderl4j.core.lm.TokenPair;
import dev.coderl4j.core.training.SampleRecord;
import dev.coderl4j.core.training.SampleStage;
import dev.coderl4j.core.training.StageDir;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run layer's stages and pipeline on scripted plugins: every stage honours its config keys and
 * token limits, writes its provenance, and resumes after an interruption to exactly what an
 * uninterrupted run writes.
 */
class TrainPipelineTest {
  static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

  static String yaml(Path out) {
    return ScriptedPlugins.runConfig(out);
  }

  static Injector injector() {
    return Guice.createInjector(new CoreModule(), new ScriptedPlugins());
  }

  static RunConfig config(Path out, String... overrides) {
    return new ConfigLoader().parse(yaml(out), "test.yaml", List.of(overrides));
  }

  static ScriptedPlugins.Recorder recorder(Injector i) {
    return i.getInstance(ScriptedPlugins.Recorder.class);
  }

  static void runAll(Injector injector, RunConfig cfg) {
    try (RunContext ctx = new RunContext(cfg, injector)) {
      ctx.validate();
      new TrainPipeline(ctx, QUIET).run(Set.of());
      GenerateFromConfig.run(ctx, cfg.stages().generate(), QUIET);
    }
  }

  static JsonNode json(Path file) throws IOException {
    return StageDir.mapper().readTree(file.toFile());
  }

  static Set<Integer> sourceLengths(List<TokenPair> pairs) {
    return Set.copyOf(pairs.stream().map(p -> p.source().size()).toList());
  }

  @Test
  void everyStageUsesItsOwnTokenLimitsAndWritesProvenance(@TempDir Path dir) throws IOException {
    Injector injector = injector();
    ScriptedPlugins.Recorder rec = recorder(injector);
    RunConfig cfg = config(dir);
    try (RunContext ctx = new RunContext(cfg, injector)) {
      TrainPipeline pipeline = new TrainPipeline(ctx, QUIET);
      pipeline.run(Set.of("warmstart"));
      assertEquals(Set.of(7), sourceLengths(rec.trained));
      assertEquals(3, rec.trained.stream().mapToInt(p -> p.target().size()).max().orElseThrow());
      pipeline.run(Set.of("sample"));
      assertEquals(Set.of(6), sourceLengths(rec.decoded));
      pipeline.run(Set.of("critic"));
      rec.trained.clear();
      pipeline.run(Set.of("rl"));
      // The rl stage's own limits, not the warm-start's (which the pipeline used to apply).
      assertEquals(Set.of(4), sourceLengths(rec.trained));
      assertEquals(2, rec.trained.stream().mapToInt(p -> p.target().size()).max().orElseThrow());
      rec.decoded.clear();
      GenerateFromConfig.run(ctx, cfg.stages().generate(), QUIET);
      assertEquals(Set.of(5), sourceLengths(rec.decoded));
    }
    for (String stage : List.of("warmstart", "sample", "critic", "rl")) {
      JsonNode p = json(dir.resolve(stage).resolve("provenance.json"));
      assertEquals("coderl train (" + stage + ")", p.get("command").asText());
      assertEquals(7, p.get("seed").asLong());
      assertEquals("tabular", p.get("config").get("actor").get("type").asText());
      assertTrue(p.has("gitCommit") && p.has("versions") && p.has("createdAt"), stage);
      assertTrue(new StageDir(dir.resolve(stage)).state().orElseThrow().done(), stage);
    }
    JsonNode gen = json(dir.resolve("samples/sampling.jsonl.json"));
    assertEquals("toy", gen.get("benchmark").get("type").asText());
    assertEquals("test", gen.get("benchmark").get("params").get("split").asText());
    assertTrue(gen.get("provenance").has("gitCommit"));
  }

  @Test
  void configKeysAreHonoured(@TempDir Path dir) throws IOException {
    Injector injector = injector();
    RunConfig cfg = config(dir);
    runAll(injector, cfg);
    // warmstart: 2 epochs of ceil(6 / 2) steps.
    assertEquals(6, json(dir.resolve("warmstart/summary.json")).get("steps").asInt());
    List<SampleRecord> samples = SampleStage.records(new StageDir(dir.resolve("sample")));
    assertEquals(6 * (3 + 1), samples.size());
    assertEquals(6, samples.stream().filter(r -> r.kind().equals(SampleRecord.BASELINE)).count());
    assertEquals(2, json(dir.resolve("critic/split.json")).get("heldOutProblems").size());
    assertTrue(Files.isDirectory(dir.resolve("critic/binary")));
    assertEquals("rl-scripted-returns", json(dir.resolve("rl/summary.json")).get("stage").asText());
    List<String> lines = Files.readAllLines(dir.resolve("samples/sampling.jsonl"));
    assertEquals(4 * 4, lines.size());
    JsonNode first = StageDir.mapper().readTree(lines.get(0));
    assertEquals(Set.of("task_id", "completion"), Set.copyOf(iterable(first.fieldNames())));
    assertEquals("toy/test/0", first.get("task_id").asText());

    Path other = dir.resolve("other");
    RunConfig changed =
        config(
            other,
            "stages.warmstart.maxSteps=2",
            "stages.critic.trainBinary=false",
            "stages.critic.heldOutFraction=0",
            "stages.rl.returns={type: scripted-returns-plain}",
            "train.offset=1",
            "train.limit=4",
            "stages.sample.samplesPerProblem=2",
            "stages.generate.samplesPerProblem=3",
            "stages.generate.output=samples/mine.jsonl",
            "stages.generate.data.limit=2");
    runAll(injector(), changed);
    assertEquals(2, json(other.resolve("warmstart/summary.json")).get("steps").asInt());
    List<SampleRecord> fewer = SampleStage.records(new StageDir(other.resolve("sample")));
    assertEquals(4 * 3, fewer.size());
    assertEquals(
        Set.of("toy/train/1", "toy/train/2", "toy/train/3", "toy/train/4"),
        Set.copyOf(fewer.stream().map(SampleRecord::problemId).toList()));
    assertFalse(Files.exists(other.resolve("critic/binary")));
    assertEquals(0, json(other.resolve("critic/split.json")).get("heldOutProblems").size());
    assertEquals(
        "rl-scripted-returns-plain", json(other.resolve("rl/summary.json")).get("stage").asText());
    assertEquals(2 * 3, Files.readAllLines(other.resolve("samples/mine.jsonl")).size());
  }

  @Test
  void moreConfigKeysAreHonoured(@TempDir Path dir) throws IOException {
    Path base = dir.resolve("base");
    runAll(injector(), config(base));
    Path other = dir.resolve("other");
    runAll(
        injector(),
        config(
            other,
            "seed=8",
            "stages.critic.includeGroundTruth=false",
            "stages.critic.maxSteps=2",
            "stages.critic.epochs=1",
            "stages.rl.maxSteps=3",
            "stages.rl.ceWeight=0",
            "stages.warmstart.batchSize=3",
            "stages.warmstart.epochs=1",
            "stages.warmstart.checkpointEvery=0"));
    // warmstart: 1 epoch of ceil(6 / 3) steps.
    assertEquals(2, json(other.resolve("warmstart/summary.json")).get("steps").asInt());
    assertEquals(
        json(base.resolve("critic/split.json")).get("trainSamples").asInt() - 4,
        json(other.resolve("critic/split.json")).get("trainSamples").asInt(),
        "without the 4 training problems' reference solutions");
    assertEquals(2, json(other.resolve("critic/four-class/summary.json")).get("steps").asInt());
    assertEquals(3, json(other.resolve("rl/summary.json")).get("steps").asInt());
    // Another seed draws other programs.
    assertFalse(
        SampleStage.records(new StageDir(base.resolve("sample")))
            .equals(SampleStage.records(new StageDir(other.resolve("sample")))));
    // generate.checkpoint: the warm-start's actor instead of the latest (RL's) one.
    Path warm =
        base.resolve("warmstart")
            .resolve(json(base.resolve("warmstart/summary.json")).get("checkpoint").asText());
    RunConfig fromWarm =
        config(
            base,
            "stages.generate.checkpoint=" + warm,
            "stages.generate.output=samples/warm.jsonl");
    try (RunContext ctx = new RunContext(fromWarm, injector())) {
      GenerateFromConfig.run(ctx, fromWarm.stages().generate(), QUIET);
    }
    assertFalse(
        Files.readAllLines(base.resolve("samples/warm.jsonl"))
            .equals(Files.readAllLines(base.resolve("samples/sampling.jsonl"))));
  }

  @Test
  void batchedGenerationWritesEveryProblemAndResumesToTheSameFile(@TempDir Path dir)
      throws IOException {
    Path base = dir.resolve("base");
    runAll(injector(), config(base));
    RunConfig batched =
        config(base, "stages.generate.batchSize=4", "stages.generate.output=samples/b.jsonl");
    try (RunContext ctx = new RunContext(batched, injector())) {
      GenerateFromConfig.run(ctx, batched.stages().generate(), QUIET);
    }
    Path file = base.resolve("samples/b.jsonl");
    List<String> whole = Files.readAllLines(file);
    assertEquals(Files.readAllLines(base.resolve("samples/sampling.jsonl")).size(), whole.size());
    // An interrupted run: keep the first problem's lines only (part of the first chunk).
    String first = StageDir.mapper().readTree(whole.getFirst()).get("task_id").asText();
    List<String> kept =
        whole.stream().filter(l -> l.contains("\"task_id\":\"" + first + "\"")).toList();
    assertTrue(kept.size() < whole.size());
    Files.write(file, kept);
    try (RunContext ctx = new RunContext(batched, injector())) {
      GenerateFromConfig.run(ctx, batched.stages().generate(), QUIET);
    }
    assertEquals(
        Set.copyOf(whole), Set.copyOf(Files.readAllLines(file)), "the same programs after resume");
  }

  @Test
  void sampleRecordsKeepTheOutcomeWithItsMessage() throws IOException {
    SampleRecord r =
        SampleRecord.of(
            "p",
            SampleRecord.SAMPLE,
            0,
            dev.coderl4j.core.lm.Tokens.of(1),
            true,
            "x",
            new dev.coderl4j.core.exec.ExecutionResult(
                "j",
                new Outcome.CompileError("invalid syntax (line 1)"),
                List.of(),
                1,
                "scripted",
                ""),
            1);
    String line = StageDir.mapper().writeValueAsString(r);
    assertEquals(r, StageDir.mapper().readValue(line, SampleRecord.class));
    assertTrue(line.contains("invalid syntax (line 1)"), line);
  }

  /** Each stage, killed part-way and run again, ends exactly as an uninterrupted run. */
  @Test
  void everyStageResumesToWhatAnUninterruptedRunWrites(@TempDir Path dir) throws IOException {
    Path whole = dir.resolve("whole");
    runAll(injector(), config(whole));
    int warm = json(whole.resolve("warmstart/summary.json")).get("steps").asInt();
    int four = json(whole.resolve("critic/four-class/summary.json")).get("steps").asInt();
    int binary = json(whole.resolve("critic/binary/summary.json")).get("steps").asInt();
    int rl = json(whole.resolve("rl/summary.json")).get("steps").asInt();
    assertTrue(
        warm > 2 && four > 1 && binary > 1 && rl > 2, warm + " " + four + " " + binary + " " + rl);

    // Optimiser steps before the kill: mid warm-start, in the binary critic, in RL's second epoch.
    Map<String, Integer> killSteps =
        Map.of(
            "warmstart",
            warm / 2,
            "critic",
            warm + four + 1,
            "rl",
            warm + four + binary + rl * 3 / 4);
    for (var kill : killSteps.entrySet()) {
      Path out = dir.resolve("killed-" + kill.getKey());
      Injector injector = injector();
      recorder(injector).failAfterSteps = kill.getValue();
      assertThrows(ScriptedPlugins.Killed.class, () -> runAll(injector, config(out)));
      assertFalse(
          new StageDir(out.resolve(kill.getKey())).state().map(StageDir.State::done).orElse(false),
          kill.getKey());
      recorder(injector).failAfterSteps = -1;
      runAll(injector, config(out));
      assertSameRun(whole, out);
    }
    // The sample stage, killed by its runner after 10 programs.
    Path sampled = dir.resolve("killed-sample");
    assertThrows(
        ScriptedRunner.Killed.class,
        () -> runAll(injector(), config(sampled, "runner.params.stopAfter=10")));
    assertTrue(SampleStage.records(new StageDir(sampled.resolve("sample"))).size() > 0);
    runAll(injector(), config(sampled));
    assertSameRun(whole, sampled);
    // Generation, killed after two problems.
    Path generated = dir.resolve("killed-generate");
    Injector injector = injector();
    runAll(injector, config(generated, "stages.generate.samplesPerProblem=1"));
    Files.delete(generated.resolve("samples/sampling.jsonl"));
    recorder(injector).failAfterDecodes = 2 * 4 + 1;
    assertThrows(ScriptedPlugins.Killed.class, () -> runAll(injector, config(generated)));
    recorder(injector).failAfterDecodes = -1;
    runAll(injector, config(generated));
    assertSameRun(whole, generated);
  }

  private static void assertSameRun(Path expected, Path actual) throws IOException {
    for (String file :
        List.of(
            "warmstart/summary.json",
            "rl/summary.json",
            "critic/four-class/summary.json",
            "critic/binary/summary.json")) {
      String ckpt = json(expected.resolve(file)).get("checkpoint").asText();
      Path stage = expected.resolve(file).getParent();
      Path other = actual.resolve(file).getParent();
      try (Stream<Path> s = Files.list(stage.resolve(ckpt))) {
        for (Path f : s.toList()) {
          assertEquals(
              Files.readString(f),
              Files.readString(other.resolve(ckpt).resolve(f.getFileName())),
              actual + ": " + file + " " + f.getFileName());
        }
      }
    }
    assertEquals(
        SampleStage.records(new StageDir(expected.resolve("sample"))),
        SampleStage.records(new StageDir(actual.resolve("sample"))),
        actual + ": samples");
    assertEquals(
        Files.readAllLines(expected.resolve("samples/sampling.jsonl")),
        Files.readAllLines(actual.resolve("samples/sampling.jsonl")),
        actual + ": generation");
  }

  private static <T> List<T> iterable(java.util.Iterator<T> it) {
    List<T> out = new ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }

  @Test
  void onlineRoundsSampleFromTheCurrentActorAndResumeByRound(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("online");
    RunConfig cfg = config(out, "stages.rl.rounds=2", "stages.rl.retrainCritic=true");
    runAll(injector(), cfg);
    Path rl = out.resolve("rl");
    List<String> lines = Files.readAllLines(rl.resolve("metrics.jsonl"));
    assertEquals(2, lines.size());
    for (int round = 1; round <= 2; round++) {
      JsonNode line = StageDir.mapper().readTree(lines.get(round - 1));
      assertEquals(round, line.get("round").asInt());
      assertTrue(
          line.has("meanReward") && line.has("passRate") && line.has("lastLoss"), line.toString());
    }
    assertTrue(Files.size(rl.resolve("rounds.png")) > 0);
    // Round 2 sampled again (from round 1's actor) and retrained the critic on those samples.
    List<SampleRecord> again = SampleStage.records(new StageDir(rl.resolve("round-2/sample")));
    assertEquals(6 * (3 + 1), again.size());
    assertTrue(Files.isDirectory(rl.resolve("round-2/critic/four-class")));
    assertFalse(Files.exists(rl.resolve("round-1/sample")), "round 1 trains on the sample stage's");
    // The stage's checkpoint is the last round's, which generation then uses.
    JsonNode state = StageDir.mapper().readTree(rl.resolve("state.json").toFile());
    assertTrue(state.get("checkpoint").asText().startsWith("round-2/train/"), state.toString());
    assertTrue(state.get("done").asBoolean());

    // A rerun resumes: every round is finished, so nothing is sampled or trained again.
    long before = Files.getLastModifiedTime(rl.resolve("round-2/sample/samples.jsonl")).toMillis();
    String metrics = Files.readString(rl.resolve("metrics.jsonl"));
    runAll(injector(), cfg);
    assertEquals(
        before, Files.getLastModifiedTime(rl.resolve("round-2/sample/samples.jsonl")).toMillis());
    assertEquals(metrics, Files.readString(rl.resolve("metrics.jsonl")));
  }
}
