package dev.coderl4j.plugins.decoding;

import dev.coderl4j.core.lm.DecodingStrategy;
import dev.coderl4j.core.lm.DecodingStrategyContract;

/** {@code beam} satisfies the decoding contract on the scripted actor. */
class BeamSearchProperties implements DecodingStrategyContract {
  @Override
  public DecodingStrategy strategy() {
    return new BeamSearch(new BeamSearch.Params(4, null, null, 5));
  }

  @Override
  public int maxNewTokens() {
    return 5;
  }
}
