package dev.coderl4j.plugins.coderl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.coderl4j.core.CoreModule;
import dev.coderl4j.core.lm.DecodingStrategy;
import dev.coderl4j.core.plugin.PluginModule;
import dev.coderl4j.core.plugin.PluginResolver;
import dev.coderl4j.core.plugin.PluginSpec;
import dev.coderl4j.core.plugin.UnknownPluginException;
import dev.coderl4j.core.reward.RewardScheme;
import dev.coderl4j.plugins.coderl.reward.CodeRlReward;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The module binds every CodeRL plugin under its name; configs resolve them. */
class CodeRlModuleTest {
  private final Injector injector = Guice.createInjector(new CoreModule(), new CodeRlModule());
  private final PluginResolver resolver = injector.getInstance(PluginResolver.class);

  @Test
  void namesAreRegistered() {
    assertEquals(Set.of("coderl", "binary", "test-fraction"), resolver.names(RewardScheme.class));
    assertTrue(resolver.names(DecodingStrategy.class).contains("critic-sampling"));
  }

  @Test
  void rewardsResolveWithParams() throws Exception {
    RewardScheme r =
        resolver.create(
            RewardScheme.class,
            new PluginSpec("coderl", new ObjectMapper().readTree("{\"failedTest\": -0.2}")));
    assertInstanceOf(CodeRlReward.class, r);
    assertEquals(-1.0, r.min());
    assertEquals(1.0, r.max());
  }

  @Test
  void anUnknownRewardListsTheKnownOnes() {
    UnknownPluginException e =
        assertThrows(
            UnknownPluginException.class,
            () -> resolver.create(RewardScheme.class, PluginSpec.of("coderl2")));
    assertTrue(e.getMessage().contains("[binary, coderl, test-fraction]"), e.getMessage());
  }

  @Test
  void badRewardParamsSayHowToFix() throws Exception {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                resolver.create(
                    RewardScheme.class,
                    new PluginSpec("coderl", new ObjectMapper().readTree("{\"passed\": -2}"))));
    assertTrue(e.getMessage().contains("compileError ≤ runtimeError"), e.getMessage());
  }

  @Test
  void theModuleIsFoundOnTheClasspath() {
    assertTrue(
        PluginModule.discover(getClass().getClassLoader()).stream()
            .anyMatch(m -> m instanceof CodeRlModule));
  }
}
