/**
 * The critic of CodeRL (§3.3, "Intermediate Return by Critic as Error Predictor"): an engine-free
 * SPI that predicts a program's unit-test outcome from the problem and the program, and token-level
 * values {@code softmax(Linear(h_t))} that weight the actor's RL loss (Eq. 10) and pick seeds in
 * Critic Sampling (Fig. 3). {@link dev.coderl4j.core.critic.CriticHead} is the reference arithmetic
 * that engine implementations are tested against.
 */
package dev.coderl4j.core.critic;
