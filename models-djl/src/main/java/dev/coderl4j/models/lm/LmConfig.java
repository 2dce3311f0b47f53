package dev.coderl4j.models.lm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The typed {@code config.json} of a supported architecture; {@link #parse} picks the record by
 * {@code model_type}.
 */
public sealed interface LmConfig permits T5Config, GptNeoConfig, GptJConfig {

  /** Rows of the output projection. */
  int vocabSize();

  /** Width of the final hidden states. */
  int hiddenSize();

  /** End-of-sequence id; decoding stops on it. */
  int eosTokenId();

  /** The plugin name of the architecture ({@code codet5}, {@code gpt-neo}, {@code gptj}). */
  String architecture();

  /** Parses {@code config.json} text; an unsupported {@code model_type} lists the supported ones. */
  public static LmConfig parse(String json) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException("config.json is not valid JSON: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("config.json must be a JSON object");
    }
    String type = root.path("model_type").asText("");
    return switch (type) {
      case "t5" -> T5Config.fromJson(root);
      case "gpt_neo" -> GptNeoConfig.fromJson(root);
      case "gptj" -> GptJConfig.fromJson(root);
      default ->
          throw new IllegalArgumentException(
              "Unsupported model_type '" + type + "' in config.json; supported: t5 (CodeT5), "
                  + "gpt_neo, gptj");
    };
  }
}
