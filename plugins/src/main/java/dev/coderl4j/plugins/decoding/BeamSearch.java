package dev.coderl4j.plugins.decoding;

import dev.coderl4j.core.lm.Actor;
import dev.coderl4j.core.lm.DecodingSession;
import dev.coderl4j.core.lm.DecodingStrategy;
import dev.coderl4j.core.lm.Generation;
import dev.coderl4j.core.lm.TokenPair;
import dev.coderl4j.core.plugin.ParamsFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Beam search as Hugging Face's {@code generate(num_beams=...)} does it (transformers 4.5x-5.x):
 * each step keeps the {@code 2 x width} best continuations; those that end (end-of-sequence or the
 * length limit) among the best {@code width} become finished hypotheses scored by {@code sum log p
 * / generated_length ^ length_penalty}; the best {@code width} others run on. CodeRL reports pass@1
 * and pass@5 with beam search (§4, Tables 2-3).
 *
 * <p>All inputs decode as one batch of {@code inputs x width} rows; an input whose search is over
 * drops out of the batch.
 */
public final class BeamSearch implements DecodingStrategy {
  public static final String NAME = "beam";

  private static final float NEG = -1.0e9f;

  /** When a search may stop before the length limit (Hugging Face's {@code early_stopping}). */
  public enum EarlyStopping {
    /** {@code early_stopping=True}: as soon as {@code width} hypotheses are finished. */
    EARLY,
    /**
     * {@code early_stopping=False} (transformers' default): when the best running beam, scored at
     * its current length, can no longer beat the worst finished hypothesis.
     */
    HEURISTIC,
    /**
     * {@code early_stopping="never"}: like HEURISTIC but scoring the running beam at the longest
     * length it could reach (the canonical beam search when length_penalty is positive).
     */
    NEVER
  }

  /**
   * @param width beams per input ({@code num_beams}); 5 so that pass@5 can take the 5 best beams
   * @param lengthPenalty exponent of the generated length that divides a finished score (1.0)
   * @param earlyStopping when to stop before the length limit (transformers' default: HEURISTIC)
   * @param maxNewTokens tokens generated at most per sequence (generate.py: 512)
   */
  public record Params(
      Integer width, Double lengthPenalty, EarlyStopping earlyStopping, Integer maxNewTokens) {
    public Params {
      width = width == null ? 5 : width;
      lengthPenalty = lengthPenalty == null ? 1.0 : lengthPenalty;
      earlyStopping = earlyStopping == null ? EarlyStopping.HEURISTIC : earlyStopping;
      maxNewTokens = maxNewTokens == null ? 512 : maxNewTokens;
      if (width < 1) {
        throw new IllegalArgumentException("width must be at least 1 beam, got " + width);
      }
      if (!Double.isFinite(lengthPenalty)) {
        throw new IllegalArgumentException("lengthPenalty must be finite, got " + lengthPenalty);
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

  public BeamSearch(Params params) {
    this.params = params;
  }

  /** The search state of one input. */
  private static final class Search {
    final Hypothesis[] running;
    final float[] runningScores;
    final Hypothesis[] finished;
    final float[] finishedScores;
    final boolean[] isFinished;
    boolean improvable = true;
    boolean done;

    Search(int width) {
      running = new Hypothesis[width];
      runningScores = new float[width];
      finished = new Hypothesis[width];
      finishedScores = new float[width];
      isFinished = new boolean[width];
      for (int w = 0; w < width; w++) {
        running[w] = Hypothesis.empty();
        // Only the first beam is live at the start; the copies must not all be picked.
        runningScores[w] = w == 0 ? 0f : NEG;
        finished[w] = Hypothesis.empty();
        finishedScores[w] = NEG;
      }
    }

    boolean allFinished() {
      for (boolean f : isFinished) {
        if (!f) {
          return false;
        }
      }
      return true;
    }
  }

  @Override
  public List<List<Generation>> decode(Actor actor, List<TokenPair> inputs, int n, long seed) {
    int width = params.width();
    if (n < 1 || n > width) {
      throw new IllegalArgumentException(
          "beam search returns at most width = "
              + width
              + " sequences per input; asked for "
              + n
              + " (raise 'width')");
    }
    int eos = actor.tokenizer().eosId();
    int maxNew = params.maxNewTokens();
    float lp = params.lengthPenalty().floatValue();
    List<Search> searches = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      searches.add(new Search(width));
    }
    try (DecodingSession session = actor.startDecoding(inputs)) {
      int[] expand = new int[inputs.size() * width];
      for (int r = 0; r < expand.length; r++) {
        expand[r] = r / width;
      }
      session.select(expand);
      // Which inputs the session rows belong to, in blocks of width rows.
      List<Integer> active = new ArrayList<>();
      for (int i = 0; i < inputs.size(); i++) {
        active.add(i);
      }
      float[][] logits = session.logits();
      for (int generated = 0; !active.isEmpty(); generated++) {
        List<Integer> rowsNext = new ArrayList<>();
        List<Integer> tokensNext = new ArrayList<>();
        List<Integer> stillActive = new ArrayList<>();
        for (int a = 0; a < active.size(); a++) {
          Search s = searches.get(active.get(a));
          float[][] logProbs = new float[width][];
          for (int w = 0; w < width; w++) {
            logProbs[w] = LogSoftmax.of(logits[a * width + w]);
          }
          int[][] chosen = step(s, logProbs, generated, eos, maxNew, lp);
          if (!s.done) {
            stillActive.add(active.get(a));
            for (int[] c : chosen) {
              rowsNext.add(a * width + c[0]);
              tokensNext.add(c[1]);
            }
          }
        }
        active = stillActive;
        if (active.isEmpty()) {
          break;
        }
        session.select(rowsNext.stream().mapToInt(Integer::intValue).toArray());
        logits = session.append(tokensNext.stream().mapToInt(Integer::intValue).toArray());
      }
    }
    List<List<Generation>> out = new ArrayList<>();
    for (Search s : searches) {
      List<Generation> g = new ArrayList<>();
      for (int j = 0; j < n; j++) {
        g.add(s.finished[j].toGeneration(eos, s.finishedScores[j]));
      }
      out.add(g);
    }
    return out;
  }

  /**
   * One step of one input's search; returns the {@code (beam, token)} pairs that run on, in beam
   * order, and updates the finished hypotheses.
   */
  private int[][] step(Search s, float[][] logProbs, int generated, int eos, int maxNew, float lp) {
    int width = s.running.length;
    int vocab = logProbs[0].length;
    int keep = 2 * width;
    // Top 2*width of running score + log p over (beam, token), ties to the lower flat index.
    long[] best = new long[keep];
    float[] bestScore = new float[keep];
    int filled = 0;
    for (int w = 0; w < width; w++) {
      float base = s.runningScores[w];
      float[] row = logProbs[w];
      for (int v = 0; v < vocab; v++) {
        float score = base + row[v];
        if (filled < keep || score > bestScore[filled - 1]) {
          int pos = filled < keep ? filled++ : keep - 1;
          while (pos > 0 && bestScore[pos - 1] < score) {
            bestScore[pos] = bestScore[pos - 1];
            best[pos] = best[pos - 1];
            pos--;
          }
          bestScore[pos] = score;
          best[pos] = (long) w * vocab + v;
        }
      }
    }
    boolean lengthLimit = generated + 1 >= maxNew;
    boolean[] hits = new boolean[keep];
    boolean allHit = true;
    for (int k = 0; k < keep; k++) {
      hits[k] = lengthLimit || (int) (best[k] % vocab) == eos;
      allHit &= hits[k];
    }
    // Finished hypotheses: candidates among the top width that hit a stop, length-penalised.
    float denom = (float) Math.pow(generated + 1, lp);
    boolean full = s.allFinished() && params.earlyStopping() == EarlyStopping.EARLY;
    int merged = width + keep;
    float[] mScore = new float[merged];
    Hypothesis[] mHyp = new Hypothesis[merged];
    boolean[] mFinished = new boolean[merged];
    for (int w = 0; w < width; w++) {
      mScore[w] = s.finishedScores[w];
      mHyp[w] = s.finished[w];
      mFinished[w] = s.isFinished[w];
    }
    for (int k = 0; k < keep; k++) {
      int w = (int) (best[k] / vocab);
      int tok = (int) (best[k] % vocab);
      boolean justFinished = hits[k] && k < width;
      float score = bestScore[k] / denom;
      if (full) {
        score += NEG;
      }
      if (!s.improvable) {
        score += NEG;
      }
      if (!justFinished) {
        score += NEG;
      }
      mScore[width + k] = score;
      mHyp[width + k] = justFinished ? s.running[w].extend(tok, logProbs[w][tok]) : null;
      mFinished[width + k] = justFinished;
    }
    int[] order = topOrder(mScore, width);
    Hypothesis[] newFinished = new Hypothesis[width];
    float[] newFinishedScores = new float[width];
    boolean[] newIsFinished = new boolean[width];
    for (int j = 0; j < width; j++) {
      int idx = order[j];
      newFinished[j] = mHyp[idx] == null ? Hypothesis.empty() : mHyp[idx];
      newFinishedScores[j] = mScore[idx];
      newIsFinished[j] = mFinished[idx];
    }
    // Running beams: the best width candidates that did not stop.
    float[] runScore = new float[keep];
    for (int k = 0; k < keep; k++) {
      runScore[k] = bestScore[k] + (hits[k] ? NEG : 0f);
    }
    int[] runOrder = topOrder(runScore, width);
    Hypothesis[] newRunning = new Hypothesis[width];
    float[] newRunningScores = new float[width];
    int[][] chosen = new int[width][];
    for (int j = 0; j < width; j++) {
      int k = runOrder[j];
      int w = (int) (best[k] / vocab);
      int tok = (int) (best[k] % vocab);
      newRunning[j] = s.running[w].extend(tok, logProbs[w][tok]);
      newRunningScores[j] = runScore[k];
      chosen[j] = new int[] {w, tok};
    }
    System.arraycopy(newRunning, 0, s.running, 0, width);
    System.arraycopy(newRunningScores, 0, s.runningScores, 0, width);
    System.arraycopy(newFinished, 0, s.finished, 0, width);
    System.arraycopy(newFinishedScores, 0, s.finishedScores, 0, width);
    System.arraycopy(newIsFinished, 0, s.isFinished, 0, width);
    // Could the best running beam still beat the worst finished one?
    int length = params.earlyStopping() == EarlyStopping.NEVER && lp > 0 ? maxNew : generated + 1;
    float bestPossible = s.runningScores[0] / (float) Math.pow(length, lp);
    float worst = Float.POSITIVE_INFINITY;
    for (float f : s.finishedScores) {
      worst = Math.min(worst, f);
    }
    boolean anyBetter = false;
    for (int w = 0; w < width; w++) {
      anyBetter |= bestPossible > (s.isFinished[w] ? worst : NEG);
    }
    s.improvable &= anyBetter;
    boolean earlyDone = params.earlyStopping() == EarlyStopping.EARLY && s.allFinished();
    s.done = !s.improvable || earlyDone || allHit;
    return chosen;
  }

  /** Indices of the {@code k} largest scores, largest first, ties to the lower index. */
  private static int[] topOrder(float[] scores, int k) {
    Integer[] idx = new Integer[scores.length];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    java.util.Arrays.sort(
        idx,
        (a, b) ->
            scores[a] != scores[b] ? Float.compare(scores[b], scores[a]) : Integer.compare(a, b));
    int[] out = new int[k];
    for (int i = 0; i < k; i++) {
      out[i] = idx[i];
    }
    return out;
  }

  /** Builds {@code beam} from its params. */
  public static final class Factory extends ParamsFactory<DecodingStrategy, Params> {
    public Factory() {
      super(Params.class);
    }

    @Override
    protected DecodingStrategy build(Params params) {
      return new BeamSearch(params);
    }
  }
}
