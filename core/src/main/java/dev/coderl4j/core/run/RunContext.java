package dev.coderl4j.core.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.inject.Injector;
import dev.coderl4j.core.benchmark.Benchmark;
import dev.coderl4j.core.benchmark.PromptFormat;
import dev.coderl4j.core.config.DataConfig;
import dev.coderl4j.core.config.RunConfig;
import dev.coderl4j.core.critic.Critic;
import dev.coderl4j.core.exec.ProgramRunner;
import dev.coderl4j.core.lm.Actor;
import dev.coderl4j.core.lm.DecodingStrategy;
import dev.coderl4j.core.lm.ExampleCheck;
import dev.coderl4j.core.plugin.PluginResolver;
import dev.coderl4j.core.plugin.PluginSpec;
import dev.coderl4j.core.problem.Problem;
import dev.coderl4j.core.reward.RewardScheme;
import dev.coderl4j.core.training.ActorSource;
import dev.coderl4j.core.training.CriticSource;
import dev.coderl4j.core.training.StageDir;
import dev.coderl4j.core.training.Tasks;
import dev.coderl4j.core.training.TrainingLoop;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The plugins of one run, resolved by name from the config through the SPIs only: runner, reward,
 * benchmarks, and sources of actors and critics that reopen a stage's checkpoint through their
 * plugin's factory ({@link PluginResolver#reopen}).
 *
 * <p>The critic stage chooses the label set of each critic it trains; that is the critic SPI's
 * {@code labels} param (see {@link Critic}).
 */
public final class RunContext implements AutoCloseable {
  private final RunConfig config;
  private final Injector injector;
  private final PluginResolver resolver;
  private final Path out;
  private ProgramRunner runner;

  public RunContext(RunConfig config, Injector injector) {
    this.config = config;
    this.injector = injector;
    this.resolver = injector.getInstance(PluginResolver.class);
    this.out = Path.of(config.out());
  }

  public RunConfig config() {
    return config;
  }

  public PluginResolver resolver() {
    return resolver;
  }

  public Path out() {
    return out;
  }

  /** The directory of stage {@code name}. */
  public StageDir stage(String name) {
    return new StageDir(out.resolve(name));
  }

  /** The runner, started on first use and closed with this context. */
  public synchronized ProgramRunner runner() {
    if (runner == null) {
      runner = resolver.create(ProgramRunner.class, config.runner());
    }
    return runner;
  }

  public RewardScheme reward() {
    return resolver.create(RewardScheme.class, config.reward());
  }

  public DecodingStrategy decoding(PluginSpec spec) {
    return resolver.create(DecodingStrategy.class, spec);
  }

  public Benchmark benchmark(DataConfig data) {
    return resolver.create(Benchmark.class, data.benchmark());
  }

  /** The data's prompt format, or the benchmark's default. */
  public PromptFormat format(DataConfig data, Benchmark benchmark) {
    PluginSpec spec =
        data.promptFormat() != null
            ? data.promptFormat()
            : PluginSpec.of(benchmark.defaultPromptFormat());
    return resolver.create(PromptFormat.class, spec);
  }

  /** The data's slice of the benchmark's problems, in the benchmark's order. */
  public static List<Problem> problems(DataConfig data, Benchmark benchmark) {
    List<Problem> all = benchmark.problems();
    int from = Math.min(data.offset(), all.size());
    int to = data.limit() == 0 ? all.size() : Math.min(all.size(), from + data.limit());
    return all.subList(from, to);
  }

  /** Opens the configured actor, or reopens a checkpoint with the configured actor's settings. */
  public ActorSource actors() {
    return checkpoint ->
        checkpoint
            .map(c -> resolver.reopen(Actor.class, config.actor(), c))
            .orElseGet(() -> resolver.create(Actor.class, config.actor()));
  }

  /**
   * Opens the configured critic for a label set, or reopens a checkpoint (which holds its label
   * set) with the configured critic's settings.
   */
  public CriticSource critics() {
    return (labels, checkpoint) -> {
      PluginSpec spec = withLabels(criticSpec(), labels);
      return checkpoint
          .map(c -> resolver.reopen(Critic.class, spec, c))
          .orElseGet(() -> resolver.create(Critic.class, spec));
    };
  }

  /** The configured critic's spec; fails when the run has none. */
  public PluginSpec criticSpec() {
    if (config.critic() == null) {
      throw new IllegalArgumentException(
          "this run needs a critic: add critic: {type: codet5-critic, params: {...}}");
    }
    return config.critic();
  }

  /** {@code spec} with the critic SPI's {@code labels} param set to {@code labels}. */
  public static PluginSpec withLabels(PluginSpec spec, dev.coderl4j.core.critic.LabelSet labels) {
    ObjectNode params = (ObjectNode) spec.params();
    params.put("labels", labels.name());
    return new PluginSpec(spec.type(), params);
  }

  /**
   * The actor checkpoint the latest finished training stage wrote (RL, else warm-start), if any:
   * what generation and the quick start's evaluation sample from.
   */
  public Optional<Path> latestActor() {
    for (String name : List.of("rl", "warmstart")) {
      StageDir dir = stage(name);
      if (dir.state().map(StageDir.State::done).orElse(false)) {
        return Optional.of(TrainingLoop.finalCheckpoint(dir));
      }
    }
    return Optional.empty();
  }

  /** Runs a problem's programs against its example tests (Critic Sampling's filter, Fig. 3). */
  public ExampleCheck exampleCheck(Benchmark benchmark, Tasks codec, Problem p) {
    if (p.exampleTests().size() == 0) {
      return ExampleCheck.NONE;
    }
    return programs -> {
      List<Tasks.Run> runs = new java.util.ArrayList<>();
      for (int j = 0; j < programs.size(); j++) {
        runs.add(
            new Tasks.Run(
                p.id() + "#example#" + j, p, codec.program(p, programs.get(j)), p.exampleTests()));
      }
      return Tasks.execute(benchmark, runner(), runs, ProgramRunner.RunListener.NONE).stream()
          .map(dev.coderl4j.core.exec.ExecutionResult::passed)
          .toList();
    };
  }

  /**
   * Checks every plugin slot of the config before any stage runs: the name is registered and the
   * params read into the plugin's record (so a typo fails in a second, not after an hour).
   */
  public void validate() {
    check(Actor.class, "actor", config.actor());
    check(ProgramRunner.class, "runner", config.runner());
    check(RewardScheme.class, "reward", config.reward());
    if (config.critic() != null) {
      check(Critic.class, "critic", config.critic());
    }
    if (config.train() != null) {
      check(Benchmark.class, "train.benchmark", config.train().benchmark());
      if (config.train().promptFormat() != null) {
        check(PromptFormat.class, "train.promptFormat", config.train().promptFormat());
      }
    }
    var st = config.stages();
    if (st.sample() != null) {
      check(DecodingStrategy.class, "stages.sample.decoding", st.sample().decoding());
      check(DecodingStrategy.class, "stages.sample.baseline", st.sample().baseline());
    }
    if (st.generate() != null) {
      check(DecodingStrategy.class, "stages.generate.decoding", st.generate().decoding());
      check(Benchmark.class, "stages.generate.data.benchmark", st.generate().data().benchmark());
    }
  }

  private <T> void check(Class<T> spi, String key, PluginSpec spec) {
    var factories = injector.getInstance(dev.coderl4j.core.plugin.Plugins.mapKey(spi));
    var factory = factories.get(spec.type());
    if (factory == null) {
      throw new dev.coderl4j.core.config.ConfigException(
          key
              + ": "
              + new dev.coderl4j.core.plugin.UnknownPluginException(
                      spi, spec.type(), factories.keySet())
                  .getMessage());
    }
    try {
      resolver.readParams(spi, spec, factory.paramsType());
    } catch (IllegalArgumentException e) {
      throw new dev.coderl4j.core.config.ConfigException(key + ": " + e.getMessage(), e);
    }
  }

  /** The config as plain values, for provenance. */
  public Map<String, Object> configMap() {
    @SuppressWarnings("unchecked")
    Map<String, Object> m = StageDir.mapper().convertValue(config, Map.class);
    return m;
  }

  @Override
  public void close() {
    if (runner != null) {
      runner.close();
    }
  }
}
