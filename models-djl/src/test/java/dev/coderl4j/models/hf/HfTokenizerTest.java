package dev.coderl4j.models.hf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coderl4j.core.lm.Tokens;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HfTokenizerTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode reference() throws IOException {
    return JSON.readTree(HfFixtures.fixture("tokenizer").resolve("reference.json").toFile());
  }

  private static Tokens ids(JsonNode array) {
    int[] out = new int[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asInt();
    }
    return Tokens.of(out);
  }

  /**
   * Every sample of reference.json: ids with and without special tokens, tokens, offsets, decoded
   * text.
   */
  private static void assertParity(HfTokenizer tok) throws IOException {
    JsonNode ref = reference();
    assertEquals(ref.get("vocab_size").asInt(), tok.vocabSize());
    assertEquals(ref.get("special").get("<pad>").asInt(), tok.padId());
    assertEquals(ref.get("special").get("</s>").asInt(), tok.eosId());
    assertEquals(OptionalInt.of(ref.get("special").get("<s>").asInt()), tok.bosId());
    ref.get("special")
        .properties()
        .forEach(e -> assertEquals(OptionalInt.of(e.getValue().asInt()), tok.tokenId(e.getKey())));
    List<String> texts = new ArrayList<>();
    for (JsonNode s : ref.get("samples")) {
      String text = s.get("text").asText();
      texts.add(text);
      assertEquals(ids(s.get("ids_with_special")), tok.encode(text, true), text);
      assertEquals(ids(s.get("ids")), tok.encode(text, false), text);
      HfTokenizer.Encoded detailed = tok.encodeDetailed(text, false);
      assertEquals(ids(s.get("ids")), detailed.ids());
      List<String> tokens = new ArrayList<>();
      s.get("tokens").forEach(t -> tokens.add(t.asText()));
      assertEquals(tokens, detailed.tokens(), text);
      List<HfTokenizer.Span> offsets = new ArrayList<>();
      s.get("offsets")
          .forEach(o -> offsets.add(new HfTokenizer.Span(o.get(0).asInt(), o.get(1).asInt())));
      assertEquals(offsets, detailed.offsets(), text);
      assertEquals(s.get("decoded").asText(), tok.decode(ids(s.get("ids_with_special"))), text);
      assertEquals(s.get("decoded").asText(), tok.decode(ids(s.get("ids"))), text);
      assertEquals(
          "<s>" + s.get("decoded").asText() + "</s>",
          tok.decode(ids(s.get("ids_with_special")), false));
    }
    List<Tokens> batch = tok.encodeBatch(texts, true);
    for (int i = 0; i < texts.size(); i++) {
      assertEquals(tok.encode(texts.get(i), true), batch.get(i));
    }
    assertEquals(texts, tok.decodeBatch(batch));
  }

  @Test
  void tokenizerJsonMatchesTheReference() throws IOException {
    try (HfTokenizer tok = HfTokenizer.load(HfFixtures.fixture("tokenizer"))) {
      assertParity(tok);
    }
  }

  /**
   * Writes the vocab.json + merges.txt a slow RoBERTa tokenizer would have, from the fixture's
   * tokenizer.json.
   */
  static Path slowTokenizerFolder(Path dir) throws IOException {
    JsonNode model =
        JSON.readTree(HfFixtures.fixture("tokenizer").resolve("tokenizer.json").toFile())
            .get("model");
    Files.writeString(
        dir.resolve("vocab.json"),
        JSON.writeValueAsString(model.get("vocab")),
        StandardCharsets.UTF_8);
    StringBuilder merges = new StringBuilder("#version: 0.2\n");
    for (JsonNode m : model.get("merges")) {
      merges
          .append(m.isArray() ? m.get(0).asText() + " " + m.get(1).asText() : m.asText())
          .append('\n');
    }
    Files.writeString(dir.resolve("merges.txt"), merges, StandardCharsets.UTF_8);
    return dir;
  }

  @Test
  void vocabAndMergesFolderMatchesTheReference(@TempDir Path tmp) throws IOException {
    try (HfTokenizer tok = HfTokenizer.load(slowTokenizerFolder(tmp))) {
      assertParity(tok);
    }
  }

  @Test
  void vocabAndMergesFolderHonoursSpecialTokensMap(@TempDir Path tmp) throws IOException {
    slowTokenizerFolder(tmp);
    ObjectNode map = JSON.createObjectNode();
    map.put("bos_token", "<s>");
    map.put("eos_token", "</s>");
    map.put("unk_token", "<unk>");
    map.put("pad_token", "<pad>");
    map.putObject("mask_token").put("content", "<mask>").put("lstrip", true);
    Files.writeString(tmp.resolve("special_tokens_map.json"), JSON.writeValueAsString(map));
    try (HfTokenizer tok = HfTokenizer.load(tmp)) {
      assertParity(tok);
      // lstrip: the mask swallows the space before it, as RoBERTa's <mask> does.
      Tokens withMask = tok.encode("x <mask>", false);
      assertEquals(4, withMask.get(withMask.size() - 1));
      assertEquals(tok.encode("x", false).size() + 1, withMask.size());
    }
    map.put("eos_token", "<eos-not-in-vocab>");
    Files.writeString(tmp.resolve("special_tokens_map.json"), JSON.writeValueAsString(map));
    CheckpointException e = assertThrows(CheckpointException.class, () -> HfTokenizer.load(tmp));
    assertTrue(e.getMessage().contains("<eos-not-in-vocab>"), e.getMessage());
  }

  @Test
  void longInputsAreNotTruncated() {
    try (HfTokenizer tok = HfTokenizer.load(HfFixtures.defaultActor())) {
      String text = "def f(x):\n    return x + 1\n".repeat(300);
      Tokens ids = tok.encode(text, true);
      assertTrue(ids.size() > 3000, "got " + ids.size());
      assertEquals(1, ids.get(0));
      assertEquals(2, ids.get(ids.size() - 1));
      assertEquals(text, tok.decode(ids));
    }
  }

  @Test
  void specialIdsFallBackToConfigJson(@TempDir Path tmp) throws IOException {
    JsonNode t = JSON.readTree(HfFixtures.fixture("tokenizer").resolve("tokenizer.json").toFile());
    Files.writeString(tmp.resolve("tokenizer.json"), JSON.writeValueAsString(t));
    Files.writeString(
        tmp.resolve("config.json"), "{\"pad_token_id\": 3, \"eos_token_id\": [4, 2]}");
    try (HfTokenizer tok = HfTokenizer.load(tmp)) {
      assertEquals(3, tok.padId());
      assertEquals(4, tok.eosId());
    }
  }

  @Test
  void foldersWithoutATokenizerAreRefused(@TempDir Path tmp) throws IOException {
    CheckpointException e =
        assertThrows(CheckpointException.class, () -> HfTokenizer.load(tmp.resolve("x")));
    assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    Files.writeString(tmp.resolve("vocab.json"), "{\"a\": 0}");
    e = assertThrows(CheckpointException.class, () -> HfTokenizer.load(tmp));
    assertTrue(
        e.getMessage().contains("has neither tokenizer.json nor vocab.json + merges.txt"),
        e.getMessage());
    Files.writeString(tmp.resolve("merges.txt"), "#version: 0.2\na b c\n");
    e = assertThrows(CheckpointException.class, () -> HfTokenizer.load(tmp));
    assertTrue(e.getMessage().contains("line 2 must be two symbols"), e.getMessage());
  }
}
