/** Critic Sampling (§3.3, Fig. 3) as the {@code critic-sampling} decoding plugin. */
package dev.coderl4j.plugins.coderl.sampling;
