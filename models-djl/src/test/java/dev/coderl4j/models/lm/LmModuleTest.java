package dev.coderl4j.models.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.coderl4j.core.CoreModule;
import dev.coderl4j.core.lm.Actor;
import dev.coderl4j.core.lm.DecodingStrategy;
import dev.coderl4j.core.plugin.PluginResolver;
import dev.coderl4j.core.plugin.PluginSpec;
import dev.coderl4j.plugins.decoding.BeamSearch;
import dev.coderl4j.plugins.decoding.DecodingModule;
import dev.coderl4j.plugins.decoding.GreedyDecoding;
import dev.coderl4j.plugins.decoding.NucleusSampling;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The actor and decoding modules wire into core's extension points. */
class LmModuleTest {
  private final Injector injector =
      Guice.createInjector(new CoreModule(), new LmModule(), new DecodingModule());
  private final PluginResolver resolver = injector.getInstance(PluginResolver.class);

  @Test
  void registersTheNames() {
    assertEquals(
        Set.of("codet5", "gpt-neo", "gptj", "llama", "qwen2"), resolver.names(Actor.class));
    assertTrue(
        resolver.names(DecodingStrategy.class).containsAll(Set.of("greedy", "beam", "nucleus")));
  }

  @Test
  void resolvesStrategiesWithPaperDefaults() throws Exception {
    assertInstanceOf(
        GreedyDecoding.class, resolver.create(DecodingStrategy.class, PluginSpec.of("greedy")));
    assertInstanceOf(
        BeamSearch.class, resolver.create(DecodingStrategy.class, PluginSpec.of("beam")));
    var spec = new PluginSpec("nucleus", new ObjectMapper().readTree("{\"temperature\": 1.2}"));
    assertInstanceOf(NucleusSampling.class, resolver.create(DecodingStrategy.class, spec));
    NucleusSampling.Params d = new NucleusSampling.Params();
    assertEquals(0.6, d.temperature());
    assertEquals(0.95, d.topP());
    var bad = new PluginSpec("nucleus", new ObjectMapper().readTree("{\"topP\": 1.5}"));
    assertThrows(
        IllegalArgumentException.class, () -> resolver.create(DecodingStrategy.class, bad));
  }

  @Test
  void resolvesAnActorFromAFolder() throws Exception {
    var spec =
        new PluginSpec(
            "gptj",
            new ObjectMapper().readTree("{\"model\": \"src/test/resources/fixtures/tiny-gptj\"}"));
    try (Actor actor = resolver.create(Actor.class, spec)) {
      assertEquals("gptj", actor.info().architecture());
      assertEquals(8192, actor.info().vocabSize());
    }
    var wrong =
        new PluginSpec(
            "codet5",
            new ObjectMapper().readTree("{\"model\": \"src/test/resources/fixtures/tiny-gptj\"}"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> resolver.create(Actor.class, wrong));
    assertTrue(e.getMessage().contains("gptj"), e.getMessage());
  }

  @Test
  void paramsSayHowToFixThem() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new ActorParams("m", "cuda", null, null, null, null, null, null, null));
    assertTrue(e.getMessage().contains("gpu:N"), e.getMessage());
    assertEquals(ai.djl.Device.gpu(1), ActorParams.of("m").withDevice("gpu:1").djlDevice());
    ActorParams d = ActorParams.of("m");
    assertEquals(5e-5, d.learningRate());
    assertEquals(0.05, d.weightDecay());
    assertEquals(1.0, d.maxGradNorm());
  }
}
