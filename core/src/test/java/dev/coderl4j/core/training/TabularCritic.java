package dev.coderl4j.core.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coderl4j.core.critic.Critic;
import dev.coderl4j.core.critic.CriticPrediction;
import dev.coderl4j.core.critic.LabelSet;
import dev.coderl4j.core.critic.LabelledSample;
import dev.coderl4j.core.critic.ValueMatrix;
import dev.coderl4j.core.lm.StepStats;
import dev.coderl4j.core.lm.TokenPair;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A real, tiny critic for tests: class logits {@code b + mean_t W[w_t]} for the outcome and {@code
 * b + W[w_t]} for each token's values, with exact gradients and plain SGD (so a resumed run ends
 * exactly where an uninterrupted one does). Saved as {@code critic.json}.
 */
public final class TabularCritic implements Critic {
  private final LabelSet labels;
  private final int vocab;
  private final double learningRate;
  private final double[][] w;
  private final double[] b;
  private final double[][] gw;
  private final double[] gb;
  private double pendingLoss;
  private long pendingSamples;

  public TabularCritic(LabelSet labels, int vocab, double learningRate, long seed) {
    this.labels = labels;
    this.vocab = vocab;
    this.learningRate = learningRate;
    int c = labels.size();
    this.w = new double[vocab][c];
    this.b = new double[c];
    this.gw = new double[vocab][c];
    this.gb = new double[c];
    Random r = new Random(seed);
    for (double[] row : w) {
      for (int j = 0; j < c; j++) {
        row[j] = r.nextGaussian() * 0.1;
      }
    }
  }

  private double[] softmax(double[] z) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : z) {
      max = Math.max(max, v);
    }
    double[] p = new double[z.length];
    double sum = 0;
    for (int i = 0; i < z.length; i++) {
      p[i] = Math.exp(z[i] - max);
      sum += p[i];
    }
    for (int i = 0; i < z.length; i++) {
      p[i] /= sum;
    }
    return p;
  }

  private int token(int id) {
    return Math.floorMod(id, vocab);
  }

  private double[] outcomeLogits(TokenPair pair) {
    int c = labels.size();
    double[] z = b.clone();
    int t = pair.target().size();
    for (int i = 0; i < t; i++) {
      for (int j = 0; j < c; j++) {
        z[j] += w[token(pair.target().get(i))][j] / t;
      }
    }
    return z;
  }

  @Override
  public LabelSet labels() {
    return labels;
  }

  @Override
  public List<CriticPrediction> predict(List<TokenPair> batch) {
    List<CriticPrediction> out = new ArrayList<>();
    int c = labels.size();
    for (TokenPair p : batch) {
      float[][] v = new float[p.target().size()][c];
      for (int t = 0; t < v.length; t++) {
        double[] z = b.clone();
        for (int j = 0; j < c; j++) {
          z[j] += w[token(p.target().get(t))][j];
        }
        double[] q = softmax(z);
        for (int j = 0; j < c; j++) {
          v[t][j] = (float) q[j];
        }
      }
      List<Double> o = new ArrayList<>();
      for (double x : softmax(outcomeLogits(p))) {
        o.add(x);
      }
      out.add(new CriticPrediction(o, ValueMatrix.of(v, c)));
    }
    return out;
  }

  @Override
  public double accumulateGradients(List<LabelledSample> batch, double scale) {
    double loss = 0;
    int c = labels.size();
    for (LabelledSample s : batch) {
      TokenPair p = s.pair();
      double[] q = softmax(outcomeLogits(p));
      int u = labels.index(s.label());
      loss += -scale * Math.log(q[u]);
      int t = p.target().size();
      for (int j = 0; j < c; j++) {
        double g = scale * (q[j] - (j == u ? 1 : 0));
        gb[j] += g;
        for (int i = 0; i < t; i++) {
          gw[token(p.target().get(i))][j] += g / t;
        }
      }
    }
    pendingLoss += loss;
    pendingSamples += batch.size();
    return loss;
  }

  @Override
  public StepStats step() {
    double norm = 0;
    for (int j = 0; j < b.length; j++) {
      norm += gb[j] * gb[j];
      b[j] -= learningRate * gb[j];
      gb[j] = 0;
    }
    for (int i = 0; i < vocab; i++) {
      for (int j = 0; j < b.length; j++) {
        norm += gw[i][j] * gw[i][j];
        w[i][j] -= learningRate * gw[i][j];
        gw[i][j] = 0;
      }
    }
    StepStats s = new StepStats(pendingLoss, pendingSamples, Math.sqrt(norm), learningRate);
    pendingLoss = 0;
    pendingSamples = 0;
    return s;
  }

  @Override
  public void save(Path dir) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("labels", labels.name());
    m.put("w", w);
    m.put("b", b);
    try {
      Files.createDirectories(dir);
      new ObjectMapper().writeValue(dir.resolve("critic.json").toFile(), m);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The critic {@link #save} wrote to {@code dir} (a finished critic stage's directory works too).
   */
  public static TabularCritic load(Path dir, double learningRate) {
    Path d =
        Files.exists(dir.resolve("state.json"))
            ? TrainingLoop.finalCheckpoint(new StageDir(dir))
            : dir;
    try {
      JsonNode n = new ObjectMapper().readTree(d.resolve("critic.json").toFile());
      LabelSet labels = LabelSet.valueOf(n.get("labels").asText());
      TabularCritic c = new TabularCritic(labels, n.get("w").size(), learningRate, 0);
      for (int i = 0; i < c.vocab; i++) {
        for (int j = 0; j < labels.size(); j++) {
          c.w[i][j] = n.get("w").get(i).get(j).asDouble();
        }
      }
      for (int j = 0; j < labels.size(); j++) {
        c.b[j] = n.get("b").get(j).asDouble();
      }
      return c;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {}
}
