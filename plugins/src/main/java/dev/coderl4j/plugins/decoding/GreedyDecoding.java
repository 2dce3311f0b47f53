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
 * Greedy decoding: the most likely next token at every step, all inputs in one batch. CodeRL uses
 * the greedy output as the baseline {@code W^b} of the RL return (§3.2, Eq. 7-8).
 */
public final class GreedyDecoding implements DecodingStrategy {
  public static final String NAME = "greedy";

  /**
   * @param maxNewTokens tokens generated at most per sequence (CodeRL's generate.py: 512)
   */
  public record Params(Integer maxNewTokens) {
    public Params {
      maxNewTokens = maxNewTokens == null ? 512 : maxNewTokens;
      if (maxNewTokens < 1) {
        throw new IllegalArgumentException("maxNewTokens must be at least 1, got " + maxNewTokens);
      }
    }

    public Params() {
      this(null);
    }
  }

  private final Params params;

  public GreedyDecoding(Params params) {
    this.params = params;
  }

  @Override
  public List<List<Generation>> decode(Actor actor, List<TokenPair> inputs, int n, long seed) {
    if (n != 1) {
      throw new IllegalArgumentException(
          "greedy decoding yields one sequence per input; ask for n = 1, or use 'beam' or"
              + " 'nucleus' for "
              + n);
    }
    int eos = actor.tokenizer().eosId();
    int rows = inputs.size();
    Hypothesis[] hyps = new Hypothesis[rows];
    java.util.Arrays.fill(hyps, Hypothesis.empty());
    try (DecodingSession session = actor.startDecoding(inputs)) {
      RowDecoding.run(session, hyps, params.maxNewTokens(), eos, LogSoftmax::argMax);
    }
    List<List<Generation>> out = new ArrayList<>();
    for (Hypothesis h : hyps) {
      out.add(List.of(h.toGeneration(eos, h.sumLogProb())));
    }
    return out;
  }

  /** Builds {@code greedy} from its params. */
  public static final class Factory extends ParamsFactory<DecodingStrategy, Params> {
    public Factory() {
      super(Params.class);
    }

    @Override
    protected DecodingStrategy build(Params params) {
      return new GreedyDecoding(params);
    }
  }
}
