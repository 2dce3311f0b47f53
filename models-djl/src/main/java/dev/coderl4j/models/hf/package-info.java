/**
 * Hugging Face checkpoint folders and tokenizers: reading and writing weights, loading tokenizers.
 *
 * <p>The actor and critic of CodeRL (§3.2–3.3 of the paper) start from pretrained code LMs that are
 * published as Hugging Face folders. This package reads such folders as they come from the hub
 * ({@code model.safetensors}, sharded safetensors with an index, or the PyTorch zip/pickle {@code
 * pytorch_model.bin}) into DJL arrays, writes fine-tuned weights back as a folder the same reader
 * (and {@code transformers}) loads, and wraps DJL's Hugging Face tokenizer behind core's {@link
 * dev.coderl4j.core.lm.TextTokenizer}. The readers are strict: anything outside the formats they
 * know fails with a message that names the file and says what was found. See {@code
 * docs/checkpoints.md}.
 */
package dev.coderl4j.models.hf;
