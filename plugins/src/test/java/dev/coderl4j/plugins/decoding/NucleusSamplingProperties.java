package dev.coderl4j.plugins.decoding;

import dev.coderl4j.core.lm.DecodingStrategy;
import dev.coderl4j.core.lm.DecodingStrategyContract;

/** {@code nucleus} (the paper's temperature 0.6 and top-p 0.95) satisfies the decoding contract. */
class NucleusSamplingProperties implements DecodingStrategyContract {
  @Override
  public DecodingStrategy strategy() {
    return new NucleusSampling(new NucleusSampling.Params(null, null, null, 7));
  }

  @Override
  public int maxNewTokens() {
    return 7;
  }
}
