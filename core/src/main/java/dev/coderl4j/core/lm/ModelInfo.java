package dev.coderl4j.core.lm;

import java.util.Objects;

/**
 * What callers need to know of a loaded model without seeing its engine.
 *
 * @param architecture the plugin name, e.g. {@code codet5}, {@code gpt-neo}, {@code gptj}
 * @param encoderDecoder whether prompts go to an encoder (T5) or are a decoder prefix (GPT)
 * @param vocabSize rows of the output projection
 * @param hiddenSize width of the final decoder states ({@link Actor#hiddenStates})
 * @param maxPositions the longest sequence the model handles; {@code Integer.MAX_VALUE} if
 *     unbounded
 * @param parameters number of trainable parameters
 */
public record ModelInfo(
    String architecture,
    boolean encoderDecoder,
    int vocabSize,
    int hiddenSize,
    int maxPositions,
    long parameters) {
  public ModelInfo {
    Objects.requireNonNull(architecture, "architecture");
    if (vocabSize <= 0 || hiddenSize <= 0 || maxPositions <= 0 || parameters < 0) {
      throw new IllegalArgumentException(
          "vocabSize, hiddenSize and maxPositions must be positive: "
              + vocabSize
              + ", "
              + hiddenSize
              + ", "
              + maxPositions);
    }
  }
}
