package dev.coderl4j.core.lm;

/**
 * Text to token ids and back, as the model's Hugging Face tokenizer does.
 *
 * <p>The actor reads problem statements and writes programs through this (§3.1). Implementations
 * live in plugins (DJL's HuggingFace tokenizer); core sees only ids and strings.
 */
public interface TextTokenizer {

  /**
   * Encodes {@code text}; with {@code addSpecialTokens} the model's usual wrapping ({@code <s> ...
   * </s>}).
   */
  Tokens encode(String text, boolean addSpecialTokens);

  /** Decodes ids to text, dropping special tokens (padding, end of sequence). */
  String decode(Tokens ids);

  int vocabSize();

  int padId();

  int eosId();
}
