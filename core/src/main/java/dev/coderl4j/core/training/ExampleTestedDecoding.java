package dev.coderl4j.core.training;

import dev.coderl4j.core.lm.Actor;
import dev.coderl4j.core.lm.DecodingStrategy;
import dev.coderl4j.core.lm.Generation;
import dev.coderl4j.core.lm.TokenPair;
import java.util.List;

/**
 * A decoding strategy that also runs each problem's example tests while it generates: Critic
 * Sampling (§3.3, Fig. 3).
 *
 * <p>Callers that know the problems (generation from a config, the quick start) pass an
 * {@link ExampleCheck} per input; called as a plain {@link DecodingStrategy} it has no example tests,
 * nothing passes, and it samples as its base strategy does.
 */
public interface ExampleTestedDecoding extends DecodingStrategy {

  /** Decodes with example tests; the result carries what each round did. */
  CriticSampling.Result decode(Actor actor, List<TokenPair> inputs, List<ExampleCheck> checks, int n, long seed);

  @Override
  default List<List<Generation>> decode(Actor actor, List<TokenPair> inputs, int n, long seed) {
    return decode(actor, inputs, java.util.Collections.nCopies(inputs.size(), ExampleCheck.NONE), n, seed)
        .generations();
  }
}
