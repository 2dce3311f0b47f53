package dev.coderl4j.models.hf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coderl4j.core.lm.Tokens;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Qwen2-style {@code tokenizer.json} (NFC normaliser, the Split-regex + byte-level pre-tokenizer,
 * added tokens after the vocabulary such as {@code <|im_start|>}): added tokens encode to their own
 * ids, wherever they sit in the text, and text round-trips.
 */
class AddedTokensTest {
  static final String QWEN_SPLIT =
      "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}|"
          + " ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";

  @Test
  void addedTokensGetTheirIdsAndTextRoundTrips(@TempDir Path dir) throws Exception {
    ObjectMapper json = new ObjectMapper();
    ObjectNode t =
        (ObjectNode)
            json.readTree(HfFixtures.fixture("tiny-qwen2").resolve("tokenizer.json").toFile());
    t.putObject("normalizer").put("type", "NFC");
    ObjectNode pre = t.putObject("pre_tokenizer").put("type", "Sequence");
    ArrayNode steps = pre.putArray("pretokenizers");
    ObjectNode split =
        steps.addObject().put("type", "Split").put("behavior", "Isolated").put("invert", false);
    split.putObject("pattern").put("Regex", QWEN_SPLIT);
    steps
        .addObject()
        .put("type", "ByteLevel")
        .put("add_prefix_space", false)
        .put("trim_offsets", false)
        .put("use_regex", false);
    ArrayNode added = (ArrayNode) t.get("added_tokens");
    String[] extra = {"<|endoftext|>", "<|im_start|>", "<|im_end|>", "<|fim_prefix|>"};
    for (int i = 0; i < extra.length; i++) {
      added
          .addObject()
          .put("id", 8192 + i)
          .put("content", extra[i])
          .put("single_word", false)
          .put("lstrip", false)
          .put("rstrip", false)
          .put("normalized", false)
          .put("special", i < 3);
    }
    Files.writeString(dir.resolve("tokenizer.json"), t.toString());
    Files.writeString(dir.resolve("config.json"), "{\"eos_token_id\": 8192}");
    try (HfTokenizer tok = HfTokenizer.load(dir)) {
      String code = "def área(x):\n    return x * 2  # ok\n";
      Tokens ids = tok.encode("<|im_start|>" + code + "<|fim_prefix|>y<|im_end|>", false);
      assertEquals(8193, ids.get(0));
      assertEquals(8194, ids.get(ids.size() - 1));
      assertTrue(ids.toArray().length > 10);
      assertTrue(java.util.Arrays.stream(ids.toArray()).anyMatch(i -> i == 8195), "<|fim_prefix|>");
      assertEquals(8196, tok.vocabSize());
      assertEquals(java.util.OptionalInt.of(8193), tok.tokenId("<|im_start|>"));
      assertEquals(code, tok.decode(tok.encode(code, false)));
      // Digits split one by one under Qwen's pattern.
      assertEquals(tok.encode("7", false).size() * 3, tok.encode("777", false).size());
    }
  }
}
