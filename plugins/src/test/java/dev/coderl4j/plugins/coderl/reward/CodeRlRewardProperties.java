package dev.coderl4j.plugins.coderl.reward;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.coderl4j.core.exec.Outcome;
import dev.coderl4j.core.exec.TestResult;
import dev.coderl4j.core.reward.RewardScheme;
import dev.coderl4j.core.reward.RewardSchemeContract;
import java.util.List;
import net.jqwik.api.Example;

class CodeRlRewardProperties implements RewardSchemeContract {
  @Override
  public RewardScheme scheme() {
    return new CodeRlReward(CodeRlReward.Params.paper());
  }

  @Example
  void thePapersFourReturns() {
    RewardScheme r = scheme();
    assertEquals(-1.0, r.reward(new Outcome.CompileError("x"), List.of(), 3));
    assertEquals(
        -0.6,
        r.reward(
            new Outcome.RuntimeError("ValueError", 0),
            List.of(new TestResult.Error("ValueError")),
            3));
    assertEquals(
        -0.3, r.reward(new Outcome.FailedTest(1), List.of(TestResult.PASS, TestResult.FAIL), 3));
    assertEquals(
        1.0,
        r.reward(
            new Outcome.Passed(), List.of(TestResult.PASS, TestResult.PASS, TestResult.PASS), 3));
  }
}
