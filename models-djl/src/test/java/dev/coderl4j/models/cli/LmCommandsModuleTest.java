package dev.coderl4j.models.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import dev.coderl4j.core.CoreModule;
import dev.coderl4j.core.lm.ActorFolders;
import dev.coderl4j.core.plugin.CommandContribution;
import dev.coderl4j.core.plugin.PluginModule;
import dev.coderl4j.models.lm.LmModule;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The module's CLI wiring: its two commands, and the actor of a model folder. */
class LmCommandsModuleTest {
  private final com.google.inject.Injector injector =
      Guice.createInjector(new CoreModule(), new LmModule(), new LmCommandsModule());

  @Test
  void contributesLmAndBenchLmAndIsDiscoverable() {
    var contributions = injector.getInstance(CommandContribution.mapKey());
    assertEquals(Set.of("lm", "bench lm"), contributions.keySet());
    assertInstanceOf(LmCommand.class, contributions.get("lm").create(injector));
    assertInstanceOf(BenchLmCommand.class, contributions.get("bench lm").create(injector));
    assertTrue(
        PluginModule.discover(getClass().getClassLoader()).stream()
            .anyMatch(m -> m instanceof LmCommandsModule));
  }

  @Test
  void namesTheActorOfAModelFolder() {
    assertEquals(
        "codet5",
        injector
            .getInstance(ActorFolders.class)
            .actorType(Path.of("../models/codet5-small-ntp-py")));
  }
}
