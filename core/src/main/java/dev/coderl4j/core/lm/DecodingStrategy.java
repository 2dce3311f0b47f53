package dev.coderl4j.core.lm;

import java.util.List;

/**
 * Chooses tokens from an actor's next-token distributions: greedy, beam, nucleus sampling, Critic
 * Sampling (§3.3, §4).
 *
 * <p>Named plugins; their params records carry the paper's defaults. Given the same seed a strategy
 * returns the same sequences. A strategy that holds resources (Critic Sampling's critic) releases
 * them on {@link #close()}.
 */
public interface DecodingStrategy extends AutoCloseable {

  /**
   * Decodes {@code n} sequences for each input.
   *
   * @param inputs prompts, each with an optional seed target to continue
   * @param seed seeds any sampling; ignored by deterministic strategies
   * @return for each input, {@code n} generations (best first where the strategy ranks them)
   */
  List<List<Generation>> decode(Actor actor, List<TokenPair> inputs, int n, long seed);

  /**
   * Decodes {@code n} sequences for each input with that input's example tests at hand (§3.3, Fig.
   * 3): Critic Sampling keeps the programs that pass them and regenerates from their prefixes. A
   * strategy that does not use example tests decodes as {@link #decode(Actor, List, int, long)}
   * does and reports no rounds.
   *
   * @param checks one example-test check per input ({@link ExampleCheck#NONE} for none)
   */
  default ExampleGuided decode(
      Actor actor, List<TokenPair> inputs, List<ExampleCheck> checks, int n, long seed) {
    if (checks.size() != inputs.size()) {
      throw new IllegalArgumentException(
          inputs.size() + " inputs but " + checks.size() + " example checks; give one per input");
    }
    return ExampleGuided.unguided(decode(actor, inputs, n, seed));
  }

  /** Releases what the strategy holds; most hold nothing. */
  @Override
  default void close() {}
}
