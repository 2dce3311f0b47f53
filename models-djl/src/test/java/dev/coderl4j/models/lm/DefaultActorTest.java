package dev.coderl4j.models.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coderl4j.core.lm.DecodingStrategy;
import dev.coderl4j.core.lm.Generation;
import dev.coderl4j.core.lm.TokenPair;
import dev.coderl4j.plugins.decoding.BeamSearch;
import dev.coderl4j.plugins.decoding.GreedyDecoding;
import dev.coderl4j.plugins.decoding.NucleusSampling;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The embedded default actor (bfloat16 on disk) loads and continues Python with every strategy. */
class DefaultActorTest {
  static DjlActor actor;
  static final String PREFIX = "import os\n\n\ndef read_lines(path):\n    with open(path) as f:\n";

  @BeforeAll
  static void load() {
    actor = DjlActor.load(ActorParams.of(Fixtures.DEFAULT_ACTOR.toString()));
  }

  @AfterAll
  static void close() {
    actor.close();
  }

  @Test
  void loadsBfloat16AsFloat32() {
    assertEquals("codet5", actor.info().architecture());
    assertTrue(actor.info().encoderDecoder());
    assertEquals(256, actor.info().hiddenSize());
    // About 6.8M parameters (README of the model).
    assertTrue(
        actor.info().parameters() > 6_000_000 && actor.info().parameters() < 8_000_000,
        "parameters: " + actor.info().parameters());
  }

  @Test
  void writesPythonShapedTextWithEveryStrategy() {
    List<TokenPair> prompt = List.of(TokenPair.prompt(actor.tokenizer().encode(PREFIX, true)));
    Map<String, DecodingStrategy> strategies =
        Map.of(
            "greedy", new GreedyDecoding(new GreedyDecoding.Params(48)),
            "beam", new BeamSearch(new BeamSearch.Params(4, 1.0, null, 48)),
            "nucleus", new NucleusSampling(new NucleusSampling.Params(null, null, null, 48)));
    for (Map.Entry<String, DecodingStrategy> e : strategies.entrySet()) {
      Generation g = e.getValue().decode(actor, prompt, 1, 42).get(0).get(0);
      String text = actor.tokenizer().decode(g.tokens());
      System.out.println("[" + e.getKey() + "] " + PREFIX + text);
      assertTrue(g.tokens().size() >= 3, e.getKey() + " wrote too little: " + text);
      assertFalse(text.isBlank(), e.getKey());
      // Python-shaped: indentation or Python punctuation and keywords, ASCII code text.
      assertTrue(
          text.matches("(?s).*(\\n {4}|\\(|=|:|return|for |if ).*"), e.getKey() + ": " + text);
      assertTrue(text.chars().filter(c -> c < 128).count() >= text.length() * 0.95, text);
    }
  }
}
