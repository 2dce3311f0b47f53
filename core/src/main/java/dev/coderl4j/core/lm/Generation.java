package dev.coderl4j.core.lm;

import java.util.List;
import java.util.Objects;

/**
 * One decoded sequence.
 *
 * @param tokens the generated ids (after the seed, without the end-of-sequence id)
 * @param logProbs the log-probability of each generated id under the model's unmodified softmax
 * @param score the strategy's ranking score (beam: length-penalised log-probability)
 * @param finished whether it ended with end-of-sequence rather than the length limit
 */
public record Generation(Tokens tokens, List<Float> logProbs, double score, boolean finished) {
  public Generation {
    Objects.requireNonNull(tokens, "tokens");
    logProbs = List.copyOf(Objects.requireNonNull(logProbs, "logProbs"));
  }
}
