package dev.coderl4j.cli.lm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coderl4j.cli.Wiring;
import dev.coderl4j.core.lm.Actor;
import dev.coderl4j.core.plugin.PluginResolver;
import dev.coderl4j.core.plugin.PluginSpec;
import dev.coderl4j.models.hf.Checkpoint;
import dev.coderl4j.models.lm.ActorParams;
import dev.coderl4j.models.lm.Backbones;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options that pick and place an actor, shared by the LM commands. */
final class ActorOptions {
  @Option(
      names = "--model",
      defaultValue = ActorParams.DEFAULT_MODEL,
      description =
          "A Hugging Face model folder: config.json, weights, tokenizer (default:"
              + " ${DEFAULT-VALUE}).")
  Path model;

  @Option(
      names = "--device",
      defaultValue = "cpu",
      description =
          "cpu or gpu:N (gpu needs the cuda build, docs/models.md; default: ${DEFAULT-VALUE}).")
  String device;

  @Option(
      names = "--threads",
      defaultValue = "1",
      description =
          "libtorch intra-op threads; 0 for libtorch's default (default: ${DEFAULT-VALUE}).")
  int threads;

  /** The actor plugin named after the folder's architecture, built through the plugin registry. */
  Actor load() {
    var injector = Wiring.injector();
    String arch =
        injector
            .getInstance(Backbones.class)
            .parse(Checkpoint.open(model).configJson())
            .architecture();
    ObjectNode params =
        new ObjectMapper()
            .createObjectNode()
            .put("model", model.toString())
            .put("device", device)
            .put("threads", threads);
    return injector
        .getInstance(PluginResolver.class)
        .create(Actor.class, new PluginSpec(arch, params));
  }
}
