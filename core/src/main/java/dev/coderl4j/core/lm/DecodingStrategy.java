package dev.coderl4j.core.lm;

import java.util.List;

/**
 * Chooses tokens from an actor's next-token distributions: greedy, beam, nucleus sampling,
 * Critic Sampling (§3.3, §4).
 *
 * <p>Named plugins; their params records carry the paper's defaults. Given the same seed a
 * strategy returns the same sequences.
 */
public interface DecodingStrategy {

  /**
   * Decodes {@code n} sequences for each input.
   *
   * @param inputs prompts, each with an optional seed target to continue
   * @param seed seeds any sampling; ignored by deterministic strategies
   * @return for each input, {@code n} generations (best first where the strategy ranks them)
   */
  List<List<Generation>> decode(Actor actor, List<TokenPair> inputs, int n, long seed);
}
