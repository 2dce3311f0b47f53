/**
 * Decoding strategies as named plugins (§3.3, §4): {@code greedy} (the baseline of the RL return,
 * Eq. 7-8), {@code beam} (the paper's pass@1/pass@5 decoding) and {@code nucleus} sampling (the
 * paper's synthetic samples and pass@k with large k). They drive an actor's {@link
 * dev.coderl4j.core.lm.DecodingSession} and follow Hugging Face {@code generate()}'s semantics, so
 * the same checkpoint decodes the same ids here and there.
 */
package dev.coderl4j.plugins.decoding;
