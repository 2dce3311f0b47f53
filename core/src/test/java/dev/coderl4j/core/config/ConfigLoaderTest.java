package dev.coderl4j.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {
  private static final String OK =
      """
      seed: 7
      out: runs/test
      actor:
        type: codet5
        params: {checkpoint: models/codet5-small-ntp-py}
      critic: {type: codet5-critic}
      train:
        benchmark: {type: mbpp}
        offset: 0
        limit: 16
      stages:
        warmstart: {epochs: 2}
        sample: {}
        critic: {heldOutFraction: 0.25}
        rl:
          returns: {type: critic-values}
          batchSize: 4
      """;

  private final ConfigLoader loader = new ConfigLoader();

  @Test
  void readsAConfigAndFillsThePapersDefaults() {
    RunConfig c = loader.parse(OK, "ok.yaml", List.of());
    assertEquals(7L, c.seed());
    assertEquals("codet5", c.actor().type());
    assertEquals("models/codet5-small-ntp-py", c.actor().params().get("checkpoint").asText());
    assertEquals("graalpy", c.runner().type());
    assertEquals("coderl", c.reward().type());
    assertEquals(16, c.train().limit());
    assertEquals(2, c.stages().warmstart().epochs());
    assertEquals(600, c.stages().warmstart().maxSourceTokens());
    assertEquals("nucleus", c.stages().sample().decoding().type());
    assertEquals("greedy", c.stages().sample().baseline().type());
    assertEquals(0.25, c.stages().critic().heldOutFraction());
    assertEquals("critic-values", c.stages().rl().returns().type());
    assertEquals(1, c.stages().rl().rounds());
    assertEquals(1.0, c.stages().rl().ceWeight());
    assertEquals(1.0, c.stages().rl().rlWeight());
    assertNull(c.stages().generate());
  }

  @Test
  void anUnknownKeyFailsWithItsLineAndTheKnownKeys() {
    String bad = OK.replace("    batchSize: 4", "    batchsize: 4");
    ConfigException e =
        assertThrows(ConfigException.class, () -> loader.parse(bad, "bad.yaml", List.of()));
    assertTrue(e.getMessage().startsWith("bad.yaml:17:"), e.getMessage());
    assertTrue(e.getMessage().contains("unknown key 'stages.rl.batchsize'"), e.getMessage());
    assertTrue(e.getMessage().contains("batchSize"), e.getMessage());
  }

  @Test
  void anInvalidValueFailsWithItsLineAndHowToFixIt() {
    String bad = OK.replace("heldOutFraction: 0.25", "heldOutFraction: 1.5");
    ConfigException e =
        assertThrows(ConfigException.class, () -> loader.parse(bad, "bad.yaml", List.of()));
    assertTrue(e.getMessage().startsWith("bad.yaml:14:"), e.getMessage());
    assertTrue(e.getMessage().contains("critic.heldOutFraction must be in [0, 1)"), e.getMessage());
  }

  @Test
  void theOldVariantKeyNamesTheEstimatorToUseInstead() {
    String bad = OK.replace("returns: {type: critic-values}", "variant: B");
    ConfigException e =
        assertThrows(ConfigException.class, () -> loader.parse(bad, "bad.yaml", List.of()));
    assertTrue(e.getMessage().startsWith("bad.yaml:"), e.getMessage());
    assertTrue(e.getMessage().contains("returns: {type: critic-values}"), e.getMessage());
  }

  @Test
  void roundsMustBePositive() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> loader.parse(OK, "ok.yaml", List.of("stages.rl.rounds=0")));
    assertTrue(e.getMessage().contains("rl.rounds"), e.getMessage());
  }

  @Test
  void aMissingSlotSaysWhatToAdd() {
    String bad = OK.replace("critic: {type: codet5-critic}\n", "");
    ConfigException e =
        assertThrows(ConfigException.class, () -> loader.parse(bad, "bad.yaml", List.of()));
    assertTrue(e.getMessage().contains("add critic:"), e.getMessage());
  }

  @Test
  void overridesReplaceValuesAndAddKeys() {
    RunConfig c =
        loader.parse(
            OK,
            "ok.yaml",
            List.of(
                "stages.rl.returns={type: greedy-baseline}",
                "out=runs/other",
                "stages.rl.epochs=3"));
    assertEquals("greedy-baseline", c.stages().rl().returns().type());
    assertEquals(3, c.stages().rl().epochs());
    assertEquals(4, c.stages().rl().batchSize());
    assertEquals("runs/other", c.out());
  }

  @Test
  void syntaxErrorsHaveALine() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> loader.parse("out: x\nactor: {type: a\n", "broken.yaml", List.of()));
    assertTrue(e.getMessage().matches("(?s)broken\\.yaml:\\d+:\\d+: .*"), e.getMessage());
  }
}
