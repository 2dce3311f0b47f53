package dev.coderl4j.core.critic;

import dev.coderl4j.core.lm.TokenPair;
import java.util.Objects;

/**
 * A critic training example: the problem's tokens as source, a program's tokens as target, and the
 * outcome the runner gave that program (the {@code u} of Eq. 9).
 */
public record LabelledSample(TokenPair pair, OutcomeClass label) {
  public LabelledSample {
    Objects.requireNonNull(pair, "pair");
    Objects.requireNonNull(label, "label");
  }
}
