package dev.coderl4j.core.lm;

import java.util.Objects;

/**
 * A source and a target: for an encoder-decoder the encoder input and the decoder tokens; for a
 * decoder-only model the prefix (prompt) and the continuation.
 *
 * <p>When decoding, {@code target} is the seed the output continues from (empty for a fresh sample;
 * a program prefix in Critic Sampling, §3.3).
 */
public record TokenPair(Tokens source, Tokens target) {
  public TokenPair {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(target, "target");
  }

  /** A prompt with nothing generated yet. */
  public static TokenPair prompt(Tokens source) {
    return new TokenPair(source, Tokens.empty());
  }
}
