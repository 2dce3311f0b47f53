package dev.coderl4j.cli.train;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coderl4j.cli.Wiring;
import dev.coderl4j.core.benchmark.Benchmark;
import dev.coderl4j.core.config.ConfigLoader;
import dev.coderl4j.core.config.RunConfig;
import dev.coderl4j.core.critic.Critic;
import dev.coderl4j.core.lm.Actor;
import dev.coderl4j.core.lm.DecodingStrategy;
import dev.coderl4j.core.plugin.PluginResolver;
import dev.coderl4j.core.plugin.PluginSpec;
import dev.coderl4j.core.reward.RewardScheme;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every example config under configs/ reads, and names plugins that are registered. */
class ExampleConfigsTest {
  private static final Path CONFIGS = Path.of("../configs");

  @Test
  void everyExampleConfigLoadsAndNamesKnownPlugins() throws Exception {
    PluginResolver resolver = Wiring.injector().getInstance(PluginResolver.class);
    List<Path> files;
    try (Stream<Path> s = Files.list(CONFIGS)) {
      files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    assertFalse(files.isEmpty());
    for (Path f : files) {
      RunConfig c = new ConfigLoader().load(f);
      known(resolver, Actor.class, c.actor(), f);
      known(resolver, RewardScheme.class, c.reward(), f);
      if (c.critic() != null) {
        known(resolver, Critic.class, c.critic(), f);
      }
      if (c.train() != null) {
        known(resolver, Benchmark.class, c.train().benchmark(), f);
      }
      if (c.stages().sample() != null) {
        known(resolver, DecodingStrategy.class, c.stages().sample().decoding(), f);
        known(resolver, DecodingStrategy.class, c.stages().sample().baseline(), f);
      }
      if (c.stages().generate() != null) {
        known(resolver, DecodingStrategy.class, c.stages().generate().decoding(), f);
      }
    }
  }

  private static void known(PluginResolver resolver, Class<?> spi, PluginSpec spec, Path file) {
    assertTrue(
        resolver.names(spi).contains(spec.type()),
        file
            + ": "
            + spi.getSimpleName()
            + " '"
            + spec.type()
            + "' is not registered; known: "
            + resolver.names(spi));
  }
}
