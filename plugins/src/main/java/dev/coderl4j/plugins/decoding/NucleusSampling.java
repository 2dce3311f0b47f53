package dev.coderl4j.plugins.decoding;

import dev.coderl4j.core.lm.Actor;
import dev.coderl4j.core.lm.DecodingSession;
import dev.coderl4j.core.lm.DecodingStrategy;
import dev.coderl4j.core.lm.Generation;
import dev.coderl4j.core.lm.TokenPair;
import dev.coderl4j.core.plugin.ParamsFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Nucleus (top-p) sampling with temperature and top-k, applied in Hugging Face's order
 * (temperature, then top-k, then top-p). CodeRL samples its synthetic programs and its pass@k
 * candidates this way (§3.3, §4; generate.py: temperature 0.6, top-p 0.95, and transformers'
 * default top-k of 50, which generate.py leaves on).
 *
 * <p>All {@code n} samples of all inputs decode as one batch. One random stream, seeded by {@code
 * seed}, draws for the rows in order at each step, so a seed gives the same samples.
 */
public final class NucleusSampling implements DecodingStrategy {
  public static final String NAME = "nucleus";

  /**
   * @param temperature divides the logits before sampling (generate.py: 0.6; the paper's MBPP runs:
   *     1.2)
   * @param topP keep the smallest set of likeliest tokens whose probability reaches this (0.95)
   * @param topK keep only the k likeliest tokens first; 0 turns it off (transformers' default 50)
   * @param maxNewTokens tokens generated at most per sequence (generate.py: 512)
   */
  public record Params(Double temperature, Double topP, Integer topK, Integer maxNewTokens) {
    public Params {
      temperature = temperature == null ? 0.6 : temperature;
      topP = topP == null ? 0.95 : topP;
      topK = topK == null ? 50 : topK;
      maxNewTokens = maxNewTokens == null ? 512 : maxNewTokens;
      if (!(temperature > 0)) {
        throw new IllegalArgumentException(
            "temperature must be > 0 (use 'greedy' for the arg-max), got " + temperature);
      }
      if (!(topP > 0 && topP <= 1)) {
        throw new IllegalArgumentException("topP must be in (0, 1] (1 turns it off), got " + topP);
      }
      if (topK < 0) {
        throw new IllegalArgumentException("topK must be >= 0 (0 turns it off), got " + topK);
      }
      if (maxNewTokens < 1) {
        throw new IllegalArgumentException("maxNewTokens must be at least 1, got " + maxNewTokens);
      }
    }

    public Params() {
      this(null, null, null, null);
    }
  }

  private final Params params;

  public NucleusSampling(Params params) {
    this.params = params;
  }

  @Override
  public List<List<Generation>> decode(Actor actor, List<TokenPair> inputs, int n, long seed) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be at least 1, got " + n);
    }
    int eos = actor.tokenizer().eosId();
    SplittableRandom random = new SplittableRandom(seed);
    int rows = inputs.size() * n;
    Hypothesis[] hyps = new Hypothesis[rows];
    Arrays.fill(hyps, Hypothesis.empty());
    try (DecodingSession session = actor.startDecoding(inputs)) {
      if (n > 1) {
        int[] expand = new int[rows];
        for (int r = 0; r < rows; r++) {
          expand[r] = r / n;
        }
        session.select(expand);
      }
      RowDecoding.run(session, hyps, params.maxNewTokens(), eos, row -> sample(row, random));
    }
    List<List<Generation>> out = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      List<Generation> g = new ArrayList<>();
      for (int j = 0; j < n; j++) {
        Hypothesis h = hyps[i * n + j];
        g.add(h.toGeneration(eos, h.sumLogProb()));
      }
      out.add(g);
    }
    return out;
  }

  /** Draws one id from the warped distribution of {@code logits}. */
  int sample(float[] logits, SplittableRandom random) {
    int v = logits.length;
    float invT = (float) (1.0 / params.temperature());
    // Candidates in descending order of logit: the top-k, or all of them.
    int k = params.topK() == 0 ? v : Math.min(params.topK(), v);
    int[] order = topIndices(logits, k);
    double max = logits[order[0]] * invT;
    double[] p = new double[k];
    double sum = 0;
    for (int i = 0; i < k; i++) {
      p[i] = Math.exp(logits[order[i]] * invT - max);
      sum += p[i];
    }
    // Top-p as transformers does it: drop the least likely tokens while their cumulative mass
    // (from the bottom) stays <= 1 - top_p; the likeliest token always stays.
    int kept = k;
    double tail = 0;
    double cut = 1.0 - params.topP();
    for (int i = k - 1; i > 0; i--) {
      tail += p[i] / sum;
      if (tail <= cut) {
        kept = i;
      } else {
        break;
      }
    }
    double keptSum = 0;
    for (int i = 0; i < kept; i++) {
      keptSum += p[i];
    }
    double u = random.nextDouble() * keptSum;
    double acc = 0;
    for (int i = 0; i < kept; i++) {
      acc += p[i];
      if (u < acc) {
        return order[i];
      }
    }
    return order[kept - 1];
  }

  /** Indices of the {@code k} largest values, largest first (ties: lower index first). */
  static int[] topIndices(float[] values, int k) {
    Integer[] idx;
    if (k >= values.length) {
      idx = new Integer[values.length];
      for (int i = 0; i < values.length; i++) {
        idx[i] = i;
      }
    } else {
      // A min-heap of the k best seen so far.
      java.util.PriorityQueue<Integer> heap =
          new java.util.PriorityQueue<>(
              k + 1,
              (a, b) ->
                  values[a] != values[b]
                      ? Float.compare(values[a], values[b])
                      : Integer.compare(b, a));
      for (int i = 0; i < values.length; i++) {
        if (heap.size() < k) {
          heap.add(i);
        } else {
          int worst = heap.peek();
          if (values[i] > values[worst]) {
            heap.poll();
            heap.add(i);
          }
        }
      }
      idx = heap.toArray(new Integer[0]);
    }
    Arrays.sort(
        idx,
        (a, b) ->
            values[a] != values[b] ? Float.compare(values[b], values[a]) : Integer.compare(a, b));
    int[] out = new int[idx.length];
    for (int i = 0; i < idx.length; i++) {
      out[i] = idx[i];
    }
    return out;
  }

  /** Builds {@code nucleus} from its params. */
  public static final class Factory extends ParamsFactory<DecodingStrategy, Params> {
    public Factory() {
      super(Params.class);
    }

    @Override
    protected DecodingStrategy build(Params params) {
      return new NucleusSampling(params);
    }
  }
}
