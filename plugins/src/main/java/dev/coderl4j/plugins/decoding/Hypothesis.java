package dev.coderl4j.plugins.decoding;

import dev.coderl4j.core.lm.Generation;
import dev.coderl4j.core.lm.Tokens;
import java.util.ArrayList;
import java.util.List;

/** A partial sequence: its ids and the model's log-probability of each. */
record Hypothesis(List<Integer> ids, List<Float> logProbs) {
  static Hypothesis empty() {
    return new Hypothesis(List.of(), List.of());
  }

  Hypothesis extend(int id, float logProb) {
    List<Integer> i = new ArrayList<>(ids);
    i.add(id);
    List<Float> l = new ArrayList<>(logProbs);
    l.add(logProb);
    return new Hypothesis(List.copyOf(i), List.copyOf(l));
  }

  double sumLogProb() {
    double s = 0;
    for (float f : logProbs) {
      s += f;
    }
    return s;
  }

  /** The generation; an end-of-sequence id at the end is dropped from the tokens. */
  Generation toGeneration(int eos, double score) {
    boolean finished = !ids.isEmpty() && ids.get(ids.size() - 1) == eos;
    int n = finished ? ids.size() - 1 : ids.size();
    int[] t = new int[n];
    for (int i = 0; i < n; i++) {
      t[i] = ids.get(i);
    }
    return new Generation(Tokens.of(t), logProbs.subList(0, n), score, finished);
  }
}
