package dev.coderl4j.plugins.coderl.sampling;

import com.google.inject.Inject;
import dev.coderl4j.core.critic.Critic;
import dev.coderl4j.core.lm.Actor;
import dev.coderl4j.core.lm.DecodingStrategy;
import dev.coderl4j.core.lm.ExampleCheck;
import dev.coderl4j.core.lm.ExampleGuided;
import dev.coderl4j.core.lm.Generation;
import dev.coderl4j.core.lm.TokenPair;
import dev.coderl4j.core.plugin.ParamsFactory;
import dev.coderl4j.core.plugin.PluginResolver;
import dev.coderl4j.core.plugin.PluginSpec;
import dev.coderl4j.core.training.CriticSampling;
import java.util.List;
import java.util.Objects;

/**
 * The {@code critic-sampling} decoding plugin: {@link CriticSampling} (§3.3, Fig. 3) over a base
 * sampler and a binary critic, both named in its params.
 *
 * <pre>{@code
 * decoding:
 *   type: critic-sampling
 *   params:
 *     base: {type: nucleus, params: {topP: 0.95, temperature: 0.6}}
 *     critic: {type: codet5-critic, params: {labels: BINARY}}
 *     criticCheckpoint: runs/x/critic/binary
 *     rounds: 1
 *     firstPass: 0.5
 * }</pre>
 *
 * <p>The budget {@code n} is the same as plain sampling's: {@code firstPass · n} programs are
 * sampled first, the rest are regenerated from the seeds of those that pass the example tests, and
 * all {@code n} are returned.
 *
 * <p>It needs each problem's example tests, which reach it through {@link
 * DecodingStrategy#decode(Actor, List, List, int, long)}; called without them nothing passes and it
 * samples as its base strategy does. The critic holds native memory: close the strategy when done.
 */
public final class CriticSamplingStrategy implements DecodingStrategy {
  /** The plugin name. */
  public static final String NAME = "critic-sampling";

  /**
   * @param base the sampler of both passes (the paper: nucleus sampling)
   * @param critic the binary critic {@code φ_test} (a trained {@code codet5-critic} with {@code
   *     labels: BINARY})
   * @param rounds regeneration rounds (the paper: 1)
   * @param criticCheckpoint a folder the critic plugin saved (a critic stage's finished
   *     checkpoint), reopened through the plugin's factory with {@code critic}'s other settings;
   *     empty to open {@code critic} as its params say
   * @param firstPass the share of the budget sampled before the example tests (default 0.5)
   */
  public record Params(
      PluginSpec base,
      PluginSpec critic,
      Integer rounds,
      String criticCheckpoint,
      Double firstPass) {
    public Params {
      base = base == null ? PluginSpec.of("nucleus") : base;
      Objects.requireNonNull(
          critic,
          "critic: name the binary critic, e.g. critic: {type: codet5-critic, params: {checkpoint:"
              + " ..., labels: BINARY}}");
      rounds = rounds == null ? 1 : rounds;
      criticCheckpoint = criticCheckpoint == null ? "" : criticCheckpoint;
      if (rounds < 1) {
        throw new IllegalArgumentException(
            "rounds must be at least 1 (the paper: 1), got " + rounds);
      }
      firstPass = firstPass == null ? CriticSampling.DEFAULT_FIRST_PASS : firstPass;
      if (!(firstPass > 0 && firstPass <= 1)) {
        throw new IllegalArgumentException(
            "firstPass must be in (0, 1], the share of the budget sampled first (default 0.5), got "
                + firstPass);
      }
      if (base.type().equals(NAME)) {
        throw new IllegalArgumentException(
            "base cannot itself be critic-sampling; use e.g. {type: nucleus}");
      }
    }
  }

  /** Builds {@code critic-sampling}: resolves the base strategy and opens the critic. */
  public static final class Factory extends ParamsFactory<DecodingStrategy, Params> {
    private final PluginResolver resolver;

    @Inject
    public Factory(PluginResolver resolver) {
      super(Params.class);
      this.resolver = resolver;
    }

    @Override
    protected DecodingStrategy build(Params params) {
      DecodingStrategy base = resolver.create(DecodingStrategy.class, params.base());
      Critic critic =
          params.criticCheckpoint().isBlank()
              ? resolver.create(Critic.class, params.critic())
              : resolver.reopen(
                  Critic.class, params.critic(), java.nio.file.Path.of(params.criticCheckpoint()));
      return new CriticSamplingStrategy(base, critic, params.rounds(), params.firstPass());
    }
  }

  private final CriticSampling procedure;
  private final Critic critic;

  public CriticSamplingStrategy(DecodingStrategy base, Critic critic, int rounds) {
    this(base, critic, rounds, CriticSampling.DEFAULT_FIRST_PASS);
  }

  public CriticSamplingStrategy(
      DecodingStrategy base, Critic critic, int rounds, double firstPass) {
    this.critic = critic;
    this.procedure = new CriticSampling(base, critic, rounds, firstPass);
  }

  @Override
  public ExampleGuided decode(
      Actor actor, List<TokenPair> inputs, List<ExampleCheck> checks, int n, long seed) {
    CriticSampling.Result r = procedure.decode(actor, inputs, checks, n, seed);
    // One round type from the procedure to the caller.
    return new ExampleGuided(r.generations(), r.rounds());
  }

  @Override
  public List<List<Generation>> decode(Actor actor, List<TokenPair> inputs, int n, long seed) {
    return decode(
            actor, inputs, java.util.Collections.nCopies(inputs.size(), ExampleCheck.NONE), n, seed)
        .generations();
  }

  @Override
  public void close() {
    critic.close();
  }
}
