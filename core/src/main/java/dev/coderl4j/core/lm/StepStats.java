package dev.coderl4j.core.lm;

/**
 * What one optimiser step did.
 *
 * @param loss the mean weighted loss of the accumulated batch
 * @param tokens target tokens that contributed
 * @param gradNorm global L2 norm of the gradients before clipping
 * @param learningRate the rate used
 */
public record StepStats(double loss, long tokens, double gradNorm, double learningRate) {}
