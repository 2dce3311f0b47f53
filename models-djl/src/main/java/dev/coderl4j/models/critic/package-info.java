/**
 * CodeRL's critic in DJL (§3.3, Eq. 9): final states of the program tokens are max-pooled and
 * classified, with token values {@code softmax(Linear(h_t))}; trained with AdamW. Plugins {@code
 * codet5-critic} (a CodeT5-small-like encoder-decoder built from the model layer's T5 stacks) and
 * {@code causal-critic} (any decoder-only backbone, §4.1's critic for GPT actors).
 */
package dev.coderl4j.models.critic;
