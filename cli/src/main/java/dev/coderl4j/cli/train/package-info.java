/**
 * {@code coderl train --config F}: CodeRL's stages (warm-start, sample, critic, RL; §3.3, §4.1)
 * from a YAML run config, and generation from a config (plain or Critic Sampling).
 */
package dev.coderl4j.cli.train;
