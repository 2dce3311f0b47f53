package dev.coderl4j.plugins.coderl.reward;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.coderl4j.core.exec.Outcome;
import dev.coderl4j.core.exec.TestResult;
import dev.coderl4j.core.reward.RewardScheme;
import dev.coderl4j.core.reward.RewardSchemeContract;
import java.util.List;
import net.jqwik.api.Example;

class BinaryRewardProperties implements RewardSchemeContract {
  @Override
  public RewardScheme scheme() {
    return new BinaryReward(new BinaryReward.Params(null, null));
  }

  @Example
  void onlyAFullPassEarnsOne() {
    assertEquals(
        0.0,
        scheme()
            .reward(
                new Outcome.FailedTest(2),
                List.of(TestResult.PASS, TestResult.PASS, TestResult.FAIL),
                3));
    assertEquals(1.0, scheme().reward(new Outcome.Passed(), List.of(TestResult.PASS), 1));
  }
}
