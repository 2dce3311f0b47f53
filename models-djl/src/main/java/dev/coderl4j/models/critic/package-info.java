/**
 * CodeRL's critic in DJL (§3.3, Eq. 9): a CodeT5-small-like encoder-decoder built from the model
 * layer's T5 stacks, whose final decoder states are max-pooled and classified, with token values
 * {@code softmax(Linear(h_t))}; trained with AdamW. Plugin {@code codet5-critic}.
 */
package dev.coderl4j.models.critic;
