/**
 * Actors on DJL's PyTorch engine (§3.1, §3.3): T5/CodeT5, GPT-Neo, GPT-J, Llama and Qwen2 written
 * as functions on NDArrays that compute what Hugging Face {@code transformers} computes, with
 * key/value-cached incremental decoding and AdamW training. Each architecture is a {@link
 * dev.coderl4j.models.lm.Backbone} registered by {@code model_type} ({@link
 * dev.coderl4j.models.lm.Backbones}); the decoder-only ones are assembled from the shared parts of
 * {@link dev.coderl4j.models.lm.CausalLm}.
 *
 * <p>Weights come in as a map from Hugging Face parameter names to arrays (read by {@code
 * dev.coderl4j.models.hf.Checkpoint}); every architecture keeps those names, so a fine-tuned model
 * saves back as the same Hugging Face folder. The T5 stacks are public so that a critic can reuse
 * them (§3.2, Fig. 2).
 */
package dev.coderl4j.models.lm;
