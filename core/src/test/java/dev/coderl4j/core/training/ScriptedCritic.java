package dev.coderl4j.core.training;

import dev.coderl4j.core.critic.Critic;
import dev.coderl4j.core.critic.CriticPrediction;
import dev.coderl4j.core.critic.LabelSet;
import dev.coderl4j.core.critic.LabelledSample;
import dev.coderl4j.core.critic.ValueMatrix;
import dev.coderl4j.core.lm.StepStats;
import dev.coderl4j.core.lm.TokenPair;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;

/**
 * A binary critic whose p(PassedTest) at a token is a fixed function of the token id; it records
 * what it was asked. For testing the steps of Critic Sampling.
 */
public final class ScriptedCritic implements Critic {
  private final IntToDoubleFunction passProbability;
  public final List<TokenPair> asked = new ArrayList<>();

  public ScriptedCritic(IntToDoubleFunction passProbability) {
    this.passProbability = passProbability;
  }

  @Override
  public LabelSet labels() {
    return LabelSet.BINARY;
  }

  @Override
  public List<CriticPrediction> predict(List<TokenPair> batch) {
    asked.addAll(batch);
    List<CriticPrediction> out = new ArrayList<>();
    for (TokenPair p : batch) {
      float[][] v = new float[p.target().size()][2];
      double max = 0;
      for (int t = 0; t < v.length; t++) {
        double pass = passProbability.applyAsDouble(p.target().get(t));
        v[t][1] = (float) pass;
        v[t][0] = (float) (1 - pass);
        max = Math.max(max, pass);
      }
      out.add(new CriticPrediction(List.of(1 - max, max), ValueMatrix.of(v, 2)));
    }
    return out;
  }

  @Override
  public double accumulateGradients(List<LabelledSample> batch, double scale) {
    throw new UnsupportedOperationException("a scripted critic does not train");
  }

  @Override
  public StepStats step() {
    throw new UnsupportedOperationException("a scripted critic does not train");
  }

  @Override
  public void save(Path dir) {
    throw new UnsupportedOperationException("a scripted critic is not saved");
  }

  @Override
  public void close() {}
}
