package dev.coderl4j.core.config;

import dev.coderl4j.core.plugin.PluginSpec;
import java.util.Objects;

/**
 * A whole CodeRL run: the plugins it uses and the stages it runs (§3.3, §4.1).
 *
 * <pre>{@code
 * seed: 42
 * out: runs/quickstart
 * actor: {type: codet5, params: {checkpoint: models/codet5-small-ntp-py}}
 * runner: {type: graalpy}
 * reward: {type: coderl}
 * critic: {type: codet5-critic, params: {checkpoint: models/codet5-small-ntp-py}}
 * train: {benchmark: {type: mbpp, params: {split: train}}, limit: 64}
 * stages:
 *   warmstart: {epochs: 2}
 *   sample: {samplesPerProblem: 4}
 *   critic: {}
 *   rl: {variant: D}
 * }</pre>
 *
 * @param seed seeds sampling, shuffling and initialisation
 * @param out the run directory; stage {@code s} writes {@code out/s/}
 * @param actor the policy LM
 * @param runner the program runner that gives outcomes (Eq. 4–7)
 * @param reward the reward scheme (the paper's: {@code coderl})
 * @param critic the critic model; needed by the critic stage, variants B and D, and Critic Sampling
 * @param train the training problems of warm-start, sample and RL
 * @param stages what to run
 */
public record RunConfig(
    Long seed,
    String out,
    PluginSpec actor,
    PluginSpec runner,
    PluginSpec reward,
    PluginSpec critic,
    DataConfig train,
    StagesConfig stages) {
  public RunConfig {
    seed = seed == null ? 42L : seed;
    Objects.requireNonNull(out, "out: give the run directory, e.g. out: runs/my-run");
    if (out.isBlank()) {
      throw new IllegalArgumentException(
          "out is blank: give the run directory, e.g. out: runs/my-run");
    }
    Objects.requireNonNull(
        actor, "actor: name the actor, e.g. actor: {type: codet5, params: {...}}");
    runner = runner == null ? PluginSpec.of("graalpy") : runner;
    reward = reward == null ? PluginSpec.of("coderl") : reward;
    stages = stages == null ? new StagesConfig(null, null, null, null, null) : stages;
    boolean trains = stages.warmstart() != null || stages.sample() != null || stages.rl() != null;
    if (trains && train == null) {
      throw new IllegalArgumentException(
          "stages warmstart, sample and rl read the training problems: add train: {benchmark:"
              + " {type: ..., params: {...}}}");
    }
    // Whether the RL stage's return estimator needs a critic is the estimator's to say; the RL
    // stage checks it when the plugin is resolved.
    if (stages.critic() != null && critic == null) {
      throw new IllegalArgumentException(
          "the critic stage needs a critic: add critic: {type: codet5-critic, params: {...}}");
    }
  }
}
