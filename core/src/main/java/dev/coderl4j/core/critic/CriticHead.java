package dev.coderl4j.core.critic;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The critic's output layer in plain Java: max-pooling over tokens, one shared {@code Linear}, and
 * softmax (§3.3).
 *
 * <p>The same linear layer classifies the pooled state ({@code û}) and every token state ({@code
 * v̂_t}), as in CodeRL's critic. Engine implementations compute this with tensors; their tests
 * compare against this reference on the same hidden states and weights.
 *
 * @param weight {@code [classes][hidden]}
 * @param bias {@code [classes]}
 */
public final class CriticHead {
  private final float[][] weight;
  private final float[] bias;

  private CriticHead(float[][] weight, float[] bias) {
    this.weight = weight;
    this.bias = bias;
  }

  /** A head with copies of {@code weight} ({@code [classes][hidden]}) and {@code bias}. */
  public static CriticHead of(float[][] weight, float[] bias) {
    Objects.requireNonNull(weight, "weight");
    Objects.requireNonNull(bias, "bias");
    if (weight.length == 0 || weight.length != bias.length) {
      throw new IllegalArgumentException(
          "need one weight row per class and one bias per class: "
              + weight.length
              + " rows, "
              + bias.length
              + " biases");
    }
    float[][] w = new float[weight.length][];
    for (int i = 0; i < weight.length; i++) {
      if (weight[i].length != weight[0].length) {
        throw new IllegalArgumentException("weight rows differ in width at row " + i);
      }
      w[i] = weight[i].clone();
    }
    return new CriticHead(w, bias.clone());
  }

  public int classes() {
    return weight.length;
  }

  public int hidden() {
    return weight[0].length;
  }

  /**
   * {@code û} and {@code v̂_t} for one program's final decoder states {@code [T][hidden]}, T ≥ 1.
   */
  public CriticPrediction predict(float[][] hiddenStates) {
    if (hiddenStates.length == 0) {
      throw new IllegalArgumentException("a critic needs at least one program token");
    }
    float[][] values = new float[hiddenStates.length][];
    for (int t = 0; t < hiddenStates.length; t++) {
      values[t] = toFloats(softmax(linear(hiddenStates[t])));
    }
    double[] pooled = softmax(linear(maxPool(hiddenStates)));
    List<Double> outcome = new ArrayList<>(pooled.length);
    for (double p : pooled) {
      outcome.add(p);
    }
    return new CriticPrediction(outcome, ValueMatrix.of(values, weight.length));
  }

  /** The logits {@code W h + b}. */
  public double[] linear(float[] h) {
    if (h.length != hidden()) {
      throw new IllegalArgumentException(
          "hidden state has " + h.length + " values, head expects " + hidden());
    }
    double[] out = new double[weight.length];
    for (int c = 0; c < weight.length; c++) {
      double s = bias[c];
      for (int j = 0; j < h.length; j++) {
        s += (double) weight[c][j] * h[j];
      }
      out[c] = s;
    }
    return out;
  }

  /** Element-wise maximum over the rows {@code [T][hidden]}: {@code h^pool}. */
  public static float[] maxPool(float[][] states) {
    float[] out = states[0].clone();
    for (int t = 1; t < states.length; t++) {
      for (int j = 0; j < out.length; j++) {
        out[j] = Math.max(out[j], states[t][j]);
      }
    }
    return out;
  }

  /** A numerically stable softmax. */
  public static double[] softmax(double[] logits) {
    double max = Double.NEGATIVE_INFINITY;
    for (double l : logits) {
      max = Math.max(max, l);
    }
    double[] out = new double[logits.length];
    double sum = 0;
    for (int i = 0; i < logits.length; i++) {
      out[i] = Math.exp(logits[i] - max);
      sum += out[i];
    }
    for (int i = 0; i < out.length; i++) {
      out[i] /= sum;
    }
    return out;
  }

  private static float[] toFloats(double[] d) {
    float[] f = new float[d.length];
    for (int i = 0; i < d.length; i++) {
      f[i] = (float) d[i];
    }
    return f;
  }
}
