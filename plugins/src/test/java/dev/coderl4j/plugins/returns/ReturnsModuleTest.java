package dev.coderl4j.plugins.returns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Guice;
import dev.coderl4j.core.CoreModule;
import dev.coderl4j.core.plugin.PluginResolver;
import dev.coderl4j.core.plugin.PluginSpec;
import dev.coderl4j.core.plugin.UnknownPluginException;
import dev.coderl4j.core.returns.ReturnEstimator;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The estimators are bound under their names and resolved from config. */
class ReturnsModuleTest {
  private final PluginResolver resolver =
      Guice.createInjector(new CoreModule(), new ReturnsModule()).getInstance(PluginResolver.class);

  @Test
  void everyEstimatorIsRegistered() {
    assertEquals(
        Set.of(
            "greedy-baseline",
            "critic-values",
            "greedy-baseline-decay",
            "greedy-baseline-critic",
            "group-mean",
            "imitate-samples"),
        resolver.names(ReturnEstimator.class));
  }

  @Test
  void groupMeanTakesItsCriticParam() throws Exception {
    ReturnEstimator e =
        resolver.create(
            ReturnEstimator.class,
            new PluginSpec("group-mean", new ObjectMapper().readTree("{\"critic\": true}")));
    assertInstanceOf(GroupMean.class, e);
    assertTrue(e.usesCritic());
  }

  @Test
  void anUnknownEstimatorListsTheKnownOnes() {
    UnknownPluginException e =
        assertThrows(
            UnknownPluginException.class,
            () -> resolver.create(ReturnEstimator.class, PluginSpec.of("D")));
    assertTrue(e.getMessage().contains("greedy-baseline-critic"), e.getMessage());
  }
}
