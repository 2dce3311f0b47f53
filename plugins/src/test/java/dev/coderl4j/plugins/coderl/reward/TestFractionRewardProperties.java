package dev.coderl4j.plugins.coderl.reward;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.coderl4j.core.exec.Outcome;
import dev.coderl4j.core.exec.TestResult;
import dev.coderl4j.core.reward.RewardScheme;
import dev.coderl4j.core.reward.RewardSchemeContract;
import java.util.List;
import net.jqwik.api.Example;

class TestFractionRewardProperties implements RewardSchemeContract {
  @Override
  public RewardScheme scheme() {
    return new TestFractionReward(new TestFractionReward.Params(-0.5));
  }

  @Example
  void theFractionOfTheSuiteThatPassed() {
    List<TestResult> tests =
        List.of(TestResult.PASS, TestResult.FAIL, TestResult.PASS, TestResult.PASS);
    assertEquals(0.6, scheme().reward(new Outcome.FailedTest(1), tests, 5), 1e-12);
    assertEquals(
        0.0,
        scheme()
            .reward(
                new Outcome.RuntimeError("Timeout", 0),
                List.of(new TestResult.Error("Timeout")),
                5));
    assertEquals(-0.5, scheme().reward(new Outcome.CompileError("x"), List.of(), 5));
  }
}
