package dev.coderl4j.cli.lm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coderl4j.cli.Wiring;
import dev.coderl4j.core.lm.Actor;
import dev.coderl4j.core.lm.ActorFolders;
import dev.coderl4j.core.plugin.PluginResolver;
import dev.coderl4j.core.plugin.PluginSpec;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options that pick and place an actor, shared by the LM commands. */
final class ActorOptions {
  /** The embedded default actor (models-djl's {@code ActorParams.DEFAULT_MODEL}). */
  static final String DEFAULT_MODEL = "models/codet5-small-ntp-py";

  @Option(
      names = "--model",
      defaultValue = DEFAULT_MODEL,
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

  /**
   * The actor plugin named after the folder's architecture ({@link ActorFolders}, bound by the
   * module that provides the actors), built through the plugin registry.
   */
  Actor load() {
    var injector = Wiring.injector();
    String arch = injector.getInstance(ActorFolders.class).actorType(model);
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
