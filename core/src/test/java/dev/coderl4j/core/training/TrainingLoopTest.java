package dev.coderl4j.core.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coderl4j.core.lm.TokenPair;
import dev.coderl4j.core.lm.Tokens;
import dev.coderl4j.core.lm.WeightedSequence;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints, metrics and resumption of the training loop, on the tabular actor. */
class TrainingLoopTest {
  private static final double LR = 0.3;

  private static List<TokenPair> items() {
    List<TokenPair> out = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      out.add(new TokenPair(Tokens.of(i % 5 + 1), Tokens.of(i % 4 + 1, (i + 1) % 5 + 1, 0)));
    }
    return out;
  }

  private static TrainingLoop<TokenPair, WeightedSequence> loop(
      int checkpointEvery, AtomicInteger crashAt) {
    var settings = new TrainingLoop.Settings("test", 2, 2, 0, checkpointEvery, 5);
    AtomicInteger calls = new AtomicInteger();
    return new TrainingLoop<>(
        settings,
        batch -> {
          if (calls.incrementAndGet() == crashAt.get()) {
            throw new IllegalStateException("simulated crash");
          }
          return batch.stream().map(WeightedSequence::crossEntropy).toList();
        },
        TrainingLoop::tokens,
        batch -> Map.of("size", batch.size()));
  }

  private static TrainingLoop.Trainee<WeightedSequence> open(Optional<Path> from) {
    return TrainingLoop.of(
        from.map(p -> TabularActor.load(p, LR)).orElseGet(() -> new TabularActor(6, 1, LR)));
  }

  @Test
  void anInterruptedRunResumesToTheSameModel(@TempDir Path tmp) throws Exception {
    StageDir straight = new StageDir(tmp.resolve("straight"));
    TrainingLoop.Summary s =
        loop(1, new AtomicInteger(-1))
            .run(straight, TrainingLoopTest::open, Optional.empty(), items());
    assertEquals(6, s.steps());
    assertEquals(6, Files.readAllLines(straight.resolve("metrics.jsonl")).size());
    assertTrue(Files.exists(straight.resolve("loss.png")));

    StageDir resumed = new StageDir(tmp.resolve("resumed"));
    assertThrows(
        IllegalStateException.class,
        () ->
            loop(1, new AtomicInteger(4))
                .run(resumed, TrainingLoopTest::open, Optional.empty(), items()));
    assertEquals(3, resumed.state().orElseThrow().step());
    TrainingLoop.Summary rest =
        loop(1, new AtomicInteger(-1))
            .run(resumed, TrainingLoopTest::open, Optional.empty(), items());
    assertEquals(3, rest.steps());
    assertEquals(6, Files.readAllLines(resumed.resolve("metrics.jsonl")).size());

    double[][] a = TabularActor.load(straight.resolve(s.checkpoint()), LR).parameters();
    double[][] b = TabularActor.load(resumed.resolve(rest.checkpoint()), LR).parameters();
    for (int i = 0; i < a.length; i++) {
      assertArrayEquals(a[i], b[i], 1e-12);
    }
    // Only the latest checkpoint is kept.
    try (var files = Files.list(resumed.path())) {
      assertEquals(
          1, files.filter(p -> p.getFileName().toString().startsWith("checkpoint-")).count());
    }
  }

  @Test
  void aFinishedStageIsNotRunAgain(@TempDir Path tmp) {
    StageDir dir = new StageDir(tmp);
    TrainingLoop.Summary first =
        loop(0, new AtomicInteger(-1)).run(dir, TrainingLoopTest::open, Optional.empty(), items());
    TrainingLoop.Summary again =
        loop(0, new AtomicInteger(1)).run(dir, TrainingLoopTest::open, Optional.empty(), items());
    assertEquals(first, again);
    assertEquals(dir.resolve(first.checkpoint()), TrainingLoop.finalCheckpoint(dir));
  }

  @Test
  void trainingLowersTheLoss(@TempDir Path tmp) {
    var settings = new TrainingLoop.Settings("test", 20, 6, 0, 0, 5);
    var loop =
        new TrainingLoop<TokenPair, WeightedSequence>(
            settings,
            batch -> batch.stream().map(WeightedSequence::crossEntropy).toList(),
            TrainingLoop::tokens,
            b -> Map.of());
    TrainingLoop.Summary s =
        loop.run(new StageDir(tmp), TrainingLoopTest::open, Optional.empty(), items());
    assertTrue(s.lastLoss() < s.firstLoss() - 0.1, s.toString());
  }
}
