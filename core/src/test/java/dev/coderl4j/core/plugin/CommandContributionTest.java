package dev.coderl4j.core.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import dev.coderl4j.core.CoreModule;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Command contributions: keyed by command path, an empty map without any, names checked. */
class CommandContributionTest {
  @Test
  void coreDeclaresAnEmptyMapAndModulesAddByCommandPath() {
    assertEquals(
        Map.of(), Guice.createInjector(new CoreModule()).getInstance(CommandContribution.mapKey()));
    var contributions =
        Guice.createInjector(
                new CoreModule(),
                new AbstractModule() {
                  @Override
                  protected void configure() {
                    CommandContribution.bind(
                        binder(), new CommandContribution("bench", "lm", injector -> "bench-lm"));
                    CommandContribution.bind(
                        binder(),
                        new CommandContribution(
                            CommandContribution.TOP_LEVEL, "lm", injector -> "lm"));
                  }
                })
            .getInstance(CommandContribution.mapKey());
    assertEquals(Set.of("bench lm", "lm"), contributions.keySet());
    assertEquals("bench-lm", contributions.get("bench lm").create(null));
    assertEquals("lm", contributions.get("lm").create(null));
  }

  @Test
  void namesAndParentsMustBeKebabCase() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new CommandContribution("bench", "BenchLm", injector -> null));
    assertTrue(e.getMessage().contains("kebab-case") && e.getMessage().contains("BenchLm"));
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new CommandContribution("bench lm", "forward", injector -> null));
    assertTrue(e.getMessage().contains("'bench lm'"), e.getMessage());
    assertEquals("bench-x", new CommandContribution("", "bench-x", injector -> null).path());
  }
}
