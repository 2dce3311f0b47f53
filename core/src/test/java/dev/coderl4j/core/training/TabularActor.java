package dev.coderl4j.core.training;

import dev.coderl4j.core.lm.Actor;
import dev.coderl4j.core.lm.DecodingSession;
import dev.coderl4j.core.lm.ModelInfo;
import dev.coderl4j.core.lm.StepStats;
import dev.coderl4j.core.lm.TextTokenizer;
import dev.coderl4j.core.lm.TokenPair;
import dev.coderl4j.core.lm.Tokens;
import dev.coderl4j.core.lm.WeightedSequence;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A real, tiny actor for tests: a bigram softmax policy {@code p(w_t | w_{t−1}) =
 * softmax(θ[w_{t−1}])} with exact gradients and plain SGD, so that losses and gradients can be
 * checked by hand.
 *
 * <p>The context of the first target token is the last source token (or a start row when the source
 * is empty), so the source matters. Token 0 is padding and end of sequence.
 */
public final class TabularActor implements Actor {
  private final int vocab;
  private final double[][] theta;
  private final double[][] grad;
  private final double learningRate;
  private double accumulatedLoss;
  private long accumulatedTokens;

  public TabularActor(int vocab, long seed, double learningRate) {
    this.vocab = vocab;
    this.theta = new double[vocab + 1][vocab];
    this.grad = new double[vocab + 1][vocab];
    this.learningRate = learningRate;
    java.util.Random r = new java.util.Random(seed);
    for (double[] row : theta) {
      for (int j = 0; j < vocab; j++) {
        row[j] = r.nextGaussian() * 0.5;
      }
    }
  }

  /** A copy of the accumulated gradients {@code [vocab + 1][vocab]}. */
  public double[][] gradients() {
    double[][] out = new double[grad.length][];
    for (int i = 0; i < grad.length; i++) {
      out[i] = grad[i].clone();
    }
    return out;
  }

  /** A copy of the parameters. */
  public double[][] parameters() {
    double[][] out = new double[theta.length][];
    for (int i = 0; i < theta.length; i++) {
      out[i] = theta[i].clone();
    }
    return out;
  }

  private int startContext(Tokens source) {
    return source.isEmpty() ? vocab : source.get(source.size() - 1);
  }

  double[] probs(int context) {
    double[] p = new double[vocab];
    double max = Arrays.stream(theta[context]).max().orElse(0);
    double sum = 0;
    for (int j = 0; j < vocab; j++) {
      p[j] = Math.exp(theta[context][j] - max);
      sum += p[j];
    }
    for (int j = 0; j < vocab; j++) {
      p[j] /= sum;
    }
    return p;
  }

  @Override
  public ModelInfo info() {
    return new ModelInfo(
        "tabular", true, vocab, vocab, Integer.MAX_VALUE, (long) theta.length * vocab);
  }

  @Override
  public TextTokenizer tokenizer() {
    return new TextTokenizer() {
      @Override
      public Tokens encode(String text, boolean addSpecialTokens) {
        return Tokens.of(text.chars().map(c -> 1 + Math.floorMod(c, vocab - 1)).toArray());
      }

      @Override
      public String decode(Tokens ids) {
        StringBuilder sb = new StringBuilder();
        ids.stream().filter(i -> i != 0).forEach(i -> sb.append((char) ('a' + (i - 1) % 26)));
        return sb.toString();
      }

      @Override
      public int vocabSize() {
        return vocab;
      }

      @Override
      public int padId() {
        return 0;
      }

      @Override
      public int eosId() {
        return 0;
      }
    };
  }

  @Override
  public DecodingSession startDecoding(List<TokenPair> inputs) {
    List<Integer> contexts = new ArrayList<>();
    for (TokenPair in : inputs) {
      Tokens t = in.target();
      contexts.add(t.isEmpty() ? startContext(in.source()) : t.get(t.size() - 1));
    }
    return new DecodingSession() {
      private List<Integer> rows = contexts;

      @Override
      public int rows() {
        return rows.size();
      }

      @Override
      public float[][] logits() {
        float[][] out = new float[rows.size()][vocab];
        for (int i = 0; i < rows.size(); i++) {
          for (int j = 0; j < vocab; j++) {
            out[i][j] = (float) theta[rows.get(i)][j];
          }
        }
        return out;
      }

      @Override
      public float[][] append(int[] tokens) {
        List<Integer> next = new ArrayList<>();
        for (int t : tokens) {
          next.add(t);
        }
        rows = next;
        return logits();
      }

      @Override
      public void select(int[] indices) {
        List<Integer> next = new ArrayList<>();
        for (int i : indices) {
          next.add(rows.get(i));
        }
        rows = next;
      }

      @Override
      public void close() {}
    };
  }

  @Override
  public List<float[]> tokenLogProbs(List<TokenPair> batch) {
    List<float[]> out = new ArrayList<>();
    for (TokenPair pair : batch) {
      Tokens t = pair.target();
      float[] lp = new float[t.size()];
      int ctx = startContext(pair.source());
      for (int i = 0; i < t.size(); i++) {
        lp[i] = (float) Math.log(probs(ctx)[t.get(i)]);
        ctx = t.get(i);
      }
      out.add(lp);
    }
    return out;
  }

  @Override
  public List<float[][]> hiddenStates(List<TokenPair> batch) {
    List<float[][]> out = new ArrayList<>();
    for (TokenPair pair : batch) {
      Tokens t = pair.target();
      float[][] h = new float[t.size()][vocab];
      for (int i = 0; i < t.size(); i++) {
        h[i][t.get(i)] = 1f;
      }
      out.add(h);
    }
    return out;
  }

  @Override
  public double accumulateGradients(List<WeightedSequence> batch, double scale) {
    double loss = 0;
    for (WeightedSequence ws : batch) {
      Tokens t = ws.pair().target();
      int ctx = startContext(ws.pair().source());
      for (int i = 0; i < t.size(); i++) {
        double w = ws.weights().get(i) * scale;
        double[] p = probs(ctx);
        int y = t.get(i);
        loss += -w * Math.log(p[y]);
        for (int j = 0; j < vocab; j++) {
          grad[ctx][j] += w * (p[j] - (j == y ? 1 : 0));
        }
        ctx = y;
        accumulatedTokens++;
      }
    }
    accumulatedLoss += loss;
    return loss;
  }

  @Override
  public StepStats step() {
    double norm = 0;
    for (int i = 0; i < theta.length; i++) {
      for (int j = 0; j < vocab; j++) {
        norm += grad[i][j] * grad[i][j];
        theta[i][j] -= learningRate * grad[i][j];
        grad[i][j] = 0;
      }
    }
    StepStats s = new StepStats(accumulatedLoss, accumulatedTokens, Math.sqrt(norm), learningRate);
    accumulatedLoss = 0;
    accumulatedTokens = 0;
    return s;
  }

  @Override
  public void save(Path dir) {
    try {
      java.nio.file.Files.createDirectories(dir);
      StringBuilder sb = new StringBuilder();
      for (double[] row : theta) {
        sb.append(Arrays.toString(row)).append('\n');
      }
      java.nio.file.Files.writeString(dir.resolve("theta.txt"), sb.toString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** An actor with the parameters {@link #save} wrote to {@code dir}. */
  public static TabularActor load(Path dir, double learningRate) {
    try {
      List<String> lines = java.nio.file.Files.readAllLines(dir.resolve("theta.txt"));
      int vocab = lines.get(0).split(",").length;
      TabularActor a = new TabularActor(vocab, 0, learningRate);
      for (int i = 0; i < lines.size(); i++) {
        String[] parts = lines.get(i).replace("[", "").replace("]", "").split(",");
        for (int j = 0; j < vocab; j++) {
          a.theta[i][j] = Double.parseDouble(parts[j].strip());
        }
      }
      return a;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  public void close() {}
}
