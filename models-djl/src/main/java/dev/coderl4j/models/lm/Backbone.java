package dev.coderl4j.models.lm;

/**
 * One architecture of Hugging Face checkpoints (§3.1: the actor is a pretrained code LM): the
 * {@code model_type} of its {@code config.json}, the actor plugin name it is configured by, and the
 * parser of its config, whose {@link LmConfig#build} assembles the model.
 *
 * <p>A backbone is one file (this interface, a config record and the code that builds the model,
 * decoder-only ones from the shared parts of {@link CausalLm}) plus one line in a module: {@code
 * Backbones.bind(binder(), new Qwen2Model());} registers it under its {@code model_type} and as the
 * actor {@link #actorName()}. See CONTRIBUTING.md, "Adding a backbone".
 */
public interface Backbone {

  /** The {@code model_type} in {@code config.json} (e.g. {@code qwen2}, {@code gpt_neo}). */
  String modelType();

  /** The actor plugin name in configs ({@code {type: qwen2}}); kebab-case. */
  String actorName();

  /**
   * Reads and validates {@code config.json}; a value this code cannot honour (e.g. an unsupported
   * {@code rope_scaling}) fails with a message that names the key.
   */
  LmConfig parse(ConfigJson json);
}
