package dev.coderl4j.plugins.decoding;

import dev.coderl4j.core.lm.DecodingStrategy;
import dev.coderl4j.core.lm.DecodingStrategyContract;

/** {@code greedy} satisfies the decoding contract on the scripted actor. */
class GreedyDecodingProperties implements DecodingStrategyContract {
  @Override
  public DecodingStrategy strategy() {
    return new GreedyDecoding(new GreedyDecoding.Params(6));
  }

  @Override
  public int maxNewTokens() {
    return 6;
  }

  @Override
  public int maxN() {
    return 1;
  }
}
