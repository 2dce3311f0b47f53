package dev.coderl4j.plugins.decoding;

import dev.coderl4j.core.lm.DecodingSession;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * The loop shared by strategies that extend every row by one chosen token per step (greedy,
 * sampling): rows that emit end-of-sequence drop out of the session so the cache stops paying for
 * them.
 */
final class RowDecoding {
  private RowDecoding() {}

  /**
   * Extends {@code hyps} (one per session row, in row order) until each ends or reaches {@code
   * maxNewTokens}.
   *
   * @param choose picks the next token from a row's logits
   */
  static void run(
      DecodingSession session,
      Hypothesis[] hyps,
      int maxNewTokens,
      int eos,
      ToIntFunction<float[]> choose) {
    int[] active = new int[hyps.length];
    for (int i = 0; i < active.length; i++) {
      active[i] = i;
    }
    float[][] logits = session.logits();
    for (int step = 0; step < maxNewTokens && active.length > 0; step++) {
      int[] next = new int[active.length];
      List<Integer> keep = new ArrayList<>();
      for (int r = 0; r < active.length; r++) {
        int tok = choose.applyAsInt(logits[r]);
        next[r] = tok;
        hyps[active[r]] = hyps[active[r]].extend(tok, LogSoftmax.at(logits[r], tok));
        if (tok != eos) {
          keep.add(r);
        }
      }
      if (step + 1 == maxNewTokens || keep.isEmpty()) {
        break;
      }
      if (keep.size() < active.length) {
        int[] idx = keep.stream().mapToInt(Integer::intValue).toArray();
        session.select(idx);
        int[] a = new int[idx.length];
        int[] t = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
          a[i] = active[idx[i]];
          t[i] = next[idx[i]];
        }
        active = a;
        next = t;
      }
      logits = session.append(next);
    }
  }
}
