package dev.coderl4j.core.run;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coderl4j.core.training.StageDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RL alone ({@code L_rl} only, online rounds, fixed seed) raises the mean reward of fresh samples
 * above the warm-started actor's, and the same run with the return's sign flipped does not: the
 * whole loop (sampling, execution, reward, return, loss, optimiser, resume by round) is checked by
 * what it learns, not by its parts.
 */
class RlLearningTest {

  /** Mean reward of each round's samples: round 1's are the warm-started actor's. */
  private static List<Double> meanRewards(Path out, String returns) throws IOException {
    TrainPipelineTest.runAll(
        TrainPipelineTest.injector(),
        TrainPipelineTest.config(
            out,
            "stages.rl.rounds=4",
            "stages.rl.returns={type: " + returns + "}",
            "stages.rl.ceWeight=0",
            "stages.rl.epochs=3",
            "stages.sample.samplesPerProblem=6"));
    List<Double> rewards = new ArrayList<>();
    for (String line : Files.readAllLines(out.resolve("rl/metrics.jsonl"))) {
      JsonNode m = StageDir.mapper().readTree(line);
      rewards.add(m.get("meanReward").asDouble());
    }
    return rewards;
  }

  @Test
  void rlRaisesTheRewardOfFreshSamplesAndAFlippedSignDoesNot(@TempDir Path dir) throws IOException {
    List<Double> learned = meanRewards(dir.resolve("rl"), ScriptedPlugins.RETURNS_PLAIN);
    List<Double> flipped = meanRewards(dir.resolve("flipped"), ScriptedPlugins.RETURNS_FLIPPED);
    double warm = learned.get(0);
    assertTrue(
        learned.get(learned.size() - 1) > warm + 0.1,
        "fresh samples after RL should earn more than the warm-started actor's: " + learned);
    assertTrue(
        flipped.get(flipped.size() - 1) < warm,
        "with the return's sign flipped the reward should fall: " + flipped);
  }
}
