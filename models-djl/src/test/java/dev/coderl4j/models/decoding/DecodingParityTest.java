package dev.coderl4j.models.decoding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coderl4j.core.lm.Generation;
import dev.coderl4j.core.lm.TokenPair;
import dev.coderl4j.core.lm.Tokens;
import dev.coderl4j.models.lm.ActorParams;
import dev.coderl4j.models.lm.DjlActor;
import dev.coderl4j.plugins.decoding.BeamSearch;
import dev.coderl4j.plugins.decoding.GreedyDecoding;
import dev.coderl4j.plugins.decoding.NucleusSampling;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Greedy and 4-beam ids identical to transformers' generate() on every fixture (max 24 new tokens).
 */
class DecodingParityTest {
  static final Path FIXTURES = Path.of("src/test/resources/fixtures");

  static DjlActor actor(String name) {
    return DjlActor.load(ActorParams.of(FIXTURES.resolve(name).toString()));
  }

  static List<Integer> ids(Generation g) {
    return g.tokens().stream().boxed().toList();
  }

  static List<Integer> json(JsonNode array, int from) {
    List<Integer> out = new ArrayList<>();
    for (int i = from; i < array.size(); i++) {
      out.add(array.get(i).intValue());
    }
    return out;
  }

  @Test
  void t5GreedyAndBeamFromThePaddedBatch() throws IOException {
    JsonNode ref = new ObjectMapper().readTree(FIXTURES.resolve("tiny-t5/reference.json").toFile());
    try (DjlActor actor = actor("tiny-t5");
        NDManager m = NDManager.newBaseManager("PyTorch")) {
      List<TokenPair> prompts = new ArrayList<>();
      try (InputStream in =
          Files.newInputStream(FIXTURES.resolve("tiny-t5/reference.safetensors"))) {
        NDList batch = NDList.decode(m, in);
        NDArray ids = batch.get("encoder_input_ids");
        NDArray mask = batch.get("encoder_attention_mask");
        for (int i = 0; i < ids.getShape().get(0); i++) {
          long[] row = ids.get(i).toLongArray();
          long[] mk = mask.get(i).toLongArray();
          int n = 0;
          while (n < mk.length && mk[n] == 1) {
            n++;
          }
          int[] src = new int[n];
          for (int j = 0; j < n; j++) {
            src[j] = (int) row[j];
          }
          prompts.add(TokenPair.prompt(Tokens.of(src)));
        }
      }
      List<List<Generation>> greedy =
          new GreedyDecoding(new GreedyDecoding.Params(24)).decode(actor, prompts, 1, 0);
      List<List<Generation>> beam =
          new BeamSearch(new BeamSearch.Params(4, 1.0, BeamSearch.EarlyStopping.EARLY, 24))
              .decode(actor, prompts, 1, 0);
      for (int i = 0; i < prompts.size(); i++) {
        // The references start with the decoder start id 0.
        assertEquals(
            json(ref.get("greedy_ids").get(i), 1), ids(greedy.get(i).get(0)), "greedy " + i);
        assertEquals(json(ref.get("beam4_ids").get(i), 1), ids(beam.get(i).get(0)), "beam " + i);
      }
      assertEquals(
          ref.get("greedy_text").get(1).asText(),
          actor.tokenizer().decode(greedy.get(1).get(0).tokens()));
    }
  }

  @Test
  void gptNeoGreedyAndBeam() throws IOException {
    checkCausal("tiny-gptneo");
  }

  @Test
  void gptJGreedyAndBeam() throws IOException {
    checkCausal("tiny-gptj");
  }

  /**
   * Qwen2's reference has greedy ids only (its README: a transcription of transformers, KV-cached
   * greedy decoding); beams and samples are checked to run on the cache and stay well-formed.
   */
  @Test
  void qwen2Greedy() throws IOException {
    String name = "tiny-qwen2";
    JsonNode ref = new ObjectMapper().readTree(FIXTURES.resolve(name + "/reference.json").toFile());
    try (DjlActor actor = actor(name)) {
      List<TokenPair> prompts = new ArrayList<>();
      for (JsonNode g : ref.get("generations")) {
        int[] p = json(g.get("prompt_ids"), 0).stream().mapToInt(Integer::intValue).toArray();
        prompts.add(TokenPair.prompt(Tokens.of(p)));
      }
      GreedyDecoding greedy = new GreedyDecoding(new GreedyDecoding.Params(24));
      List<List<Generation>> batched = greedy.decode(actor, prompts, 1, 0);
      for (int i = 0; i < prompts.size(); i++) {
        JsonNode g = ref.get("generations").get(i);
        int promptLen = g.get("prompt_ids").size();
        List<Integer> expected = json(g.get("greedy_ids"), promptLen);
        assertEquals(
            expected,
            ids(greedy.decode(actor, List.of(prompts.get(i)), 1, 0).get(0).get(0)),
            "greedy " + i);
        assertEquals(expected, ids(batched.get(i).get(0)), "batched greedy " + i);
        assertEquals(
            g.get("greedy_text").asText(),
            actor
                .tokenizer()
                .decode(
                    Tokens.of(
                        json(g.get("greedy_ids"), 0).stream()
                            .mapToInt(Integer::intValue)
                            .toArray())),
            "greedy text (prompt and continuation) " + i);
      }
      List<Generation> beams =
          new BeamSearch(new BeamSearch.Params(4, 1.0, null, 24))
              .decode(actor, prompts.subList(0, 1), 4, 0)
              .get(0);
      assertEquals(4, beams.size());
      List<Generation> samples =
          new NucleusSampling(new NucleusSampling.Params(1.0, 0.95, 50, 16))
              .decode(actor, prompts.subList(0, 1), 3, 7)
              .get(0);
      for (Generation s : samples) {
        assertEquals(s.tokens().size(), s.logProbs().size());
        assertTrue(s.logProbs().stream().allMatch(p -> p <= 0 && Float.isFinite(p)));
      }
    }
  }

  private void checkCausal(String name) throws IOException {
    JsonNode ref = new ObjectMapper().readTree(FIXTURES.resolve(name + "/reference.json").toFile());
    try (DjlActor actor = actor(name)) {
      List<TokenPair> prompts = new ArrayList<>();
      for (JsonNode g : ref.get("generations")) {
        int[] p = json(g.get("prompt_ids"), 0).stream().mapToInt(Integer::intValue).toArray();
        prompts.add(TokenPair.prompt(Tokens.of(p)));
      }
      GreedyDecoding greedy = new GreedyDecoding(new GreedyDecoding.Params(24));
      BeamSearch beam = new BeamSearch(new BeamSearch.Params(4, 1.0, null, 24));
      List<List<Generation>> batched = greedy.decode(actor, prompts, 1, 0);
      for (int i = 0; i < prompts.size(); i++) {
        JsonNode g = ref.get("generations").get(i);
        int promptLen = g.get("prompt_ids").size();
        // As the reference: each prompt alone, unpadded.
        List<TokenPair> one = List.of(prompts.get(i));
        assertEquals(
            json(g.get("greedy_ids"), promptLen),
            ids(greedy.decode(actor, one, 1, 0).get(0).get(0)),
            name + " greedy " + i);
        assertEquals(
            json(g.get("beam4_ids"), promptLen),
            ids(beam.decode(actor, one, 1, 0).get(0).get(0)),
            name + " beam " + i);
        // Left-padded in one batch, each row decodes as it does alone.
        assertEquals(
            json(g.get("greedy_ids"), promptLen),
            ids(batched.get(i).get(0)),
            name + " batched greedy " + i);
      }
    }
  }

  @Test
  void nucleusIsSeededAndReproducible() {
    try (DjlActor actor = actor("tiny-gptj")) {
      List<TokenPair> prompts =
          List.of(TokenPair.prompt(actor.tokenizer().encode("def add(a, b):", false)));
      NucleusSampling s = new NucleusSampling(new NucleusSampling.Params(1.0, 0.95, 50, 16));
      List<Generation> a = s.decode(actor, prompts, 4, 7).get(0);
      List<Generation> b = s.decode(actor, prompts, 4, 7).get(0);
      List<Generation> c = s.decode(actor, prompts, 4, 8).get(0);
      assertEquals(
          a.stream().map(Generation::tokens).toList(), b.stream().map(Generation::tokens).toList());
      assertNotEquals(
          a.stream().map(Generation::tokens).toList(), c.stream().map(Generation::tokens).toList());
      for (Generation g : a) {
        assertEquals(g.tokens().size(), g.logProbs().size());
        assertTrue(g.logProbs().stream().allMatch(p -> p <= 0 && Float.isFinite(p)));
      }
    }
  }
}
