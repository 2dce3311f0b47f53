package dev.coderl4j.core.run;

import com.google.inject.AbstractModule;
import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.coderl4j.core.benchmark.Benchmark;
import dev.coderl4j.core.benchmark.PromptFormat;
import dev.coderl4j.core.critic.Critic;
import dev.coderl4j.core.critic.CriticPrediction;
import dev.coderl4j.core.critic.LabelSet;
import dev.coderl4j.core.critic.LabelledSample;
import dev.coderl4j.core.exec.Outcome;
import dev.coderl4j.core.exec.ProgramRunner;
import dev.coderl4j.core.exec.TestResult;
import dev.coderl4j.core.lm.Actor;
import dev.coderl4j.core.lm.DecodingSession;
import dev.coderl4j.core.lm.DecodingStrategy;
import dev.coderl4j.core.lm.Generation;
import dev.coderl4j.core.lm.ModelInfo;
import dev.coderl4j.core.lm.StepStats;
import dev.coderl4j.core.lm.TextTokenizer;
import dev.coderl4j.core.lm.TokenPair;
import dev.coderl4j.core.lm.Tokens;
import dev.coderl4j.core.lm.WeightedSequence;
import dev.coderl4j.core.plugin.ParamsFactory;
import dev.coderl4j.core.plugin.PluginModule;
import dev.coderl4j.core.plugin.Plugins;
import dev.coderl4j.core.problem.Problem;
import dev.coderl4j.core.problem.TestSuite;
import dev.coderl4j.core.returns.ProblemRollouts;
import dev.coderl4j.core.returns.ReturnEstimator;
import dev.coderl4j.core.returns.TokenReturns;
import dev.coderl4j.core.reward.RewardScheme;
import dev.coderl4j.core.training.TabularActor;
import dev.coderl4j.core.training.TabularCritic;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Scripted plugins for testing the run layer end to end in milliseconds: a tabular actor and critic
 * (real models with exact SGD, so a resumed run ends where an uninterrupted one does), a sampler, a
 * scripted runner, a reward, and a toy benchmark with its prompt format. A {@link Recorder} (one
 * per injector) notes what the models were given and can make them fail part-way, as a killed run.
 *
 * <p>Tests install the module explicitly; it is deliberately not in a services file.
 */
public final class ScriptedPlugins extends AbstractModule implements PluginModule {
  public static final String ACTOR = "tabular";
  public static final String CRITIC = "tabular-critic";
  public static final String DECODING = "tabular-sampling";
  public static final String RUNNER = "scripted";
  public static final String REWARD = "scripted-reward";

  /** CodeRL's return (greedy baseline, critic values), written out for the run layer's tests. */
  public static final String RETURNS = "scripted-returns";

  /** The greedy baseline without a critic (Table 2's A). */
  public static final String RETURNS_PLAIN = "scripted-returns-plain";

  /** {@link #RETURNS_PLAIN} with the sign flipped: what the learning test must catch. */
  public static final String RETURNS_FLIPPED = "scripted-returns-flipped";

  public static final String BENCHMARK = "toy";
  public static final String FORMAT = "toy";

  /** A run config over the scripted plugins; statements are longer than every source limit. */
  public static String runConfig(Path out) {
    return """
    seed: 7
    out: %s
    actor: {type: tabular}
    runner: {type: scripted, params: {hiddenMarker: a, exampleMarker: b}}
    reward: {type: scripted-reward}
    critic: {type: tabular-critic}
    train: {benchmark: {type: toy, params: {split: train, problems: 6}}}
    stages:
      warmstart:
        {epochs: 2, batchSize: 2, maxSourceTokens: 7, maxTargetTokens: 3, checkpointEvery: 1}
      sample:
        samplesPerProblem: 3
        decoding: {type: tabular-sampling, params: {maxNewTokens: 5}}
        baseline: {type: tabular-sampling, params: {maxNewTokens: 5, temperature: 0}}
        batchSize: 2
        maxSourceTokens: 6
      critic: {epochs: 2, batchSize: 4, heldOutFraction: 0.34}
      rl:
        returns: {type: scripted-returns}
        epochs: 2
        batchSize: 4
        maxSourceTokens: 4
        maxTargetTokens: 2
      generate:
        data: {benchmark: {type: toy, params: {split: test, problems: 4}}}
        decoding: {type: tabular-sampling, params: {maxNewTokens: 5}}
        samplesPerProblem: 4
        maxSourceTokens: 5
    """
        .formatted(out.toString().replace("\\", "/"));
  }

  @Override
  protected void configure() {
    bind(Recorder.class).in(Singleton.class);
    Plugins.mapBinder(binder(), Actor.class).addBinding(ACTOR).to(ActorFactory.class);
    Plugins.mapBinder(binder(), Critic.class).addBinding(CRITIC).to(CriticFactory.class);
    Plugins.mapBinder(binder(), DecodingStrategy.class)
        .addBinding(DECODING)
        .to(SamplingFactory.class);
    Plugins.mapBinder(binder(), ProgramRunner.class).addBinding(RUNNER).to(RunnerFactory.class);
    Plugins.mapBinder(binder(), RewardScheme.class).addBinding(REWARD).to(RewardFactory.class);
    var returns = Plugins.mapBinder(binder(), ReturnEstimator.class);
    returns.addBinding(RETURNS).toInstance(new ReturnsFactory(true, 1));
    returns.addBinding(RETURNS_PLAIN).toInstance(new ReturnsFactory(false, 1));
    returns.addBinding(RETURNS_FLIPPED).toInstance(new ReturnsFactory(false, -1));
    Plugins.mapBinder(binder(), Benchmark.class).addBinding(BENCHMARK).to(ToyFactory.class);
    Plugins.mapBinder(binder(), PromptFormat.class).addBinding(FORMAT).to(FormatFactory.class);
  }

  /** Thrown by a model the recorder was told to fail, as a killed run. */
  public static final class Killed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Killed(String what) {
      super("killed at " + what);
    }
  }

  /** What the scripted models were given, and when they are to fail (per injector). */
  public static final class Recorder {
    /** Every sequence the actor trained on, in order. */
    public final List<TokenPair> trained = Collections.synchronizedList(new ArrayList<>());

    /** Every input a decoding session was started on. */
    public final List<TokenPair> decoded = Collections.synchronizedList(new ArrayList<>());

    /** Optimiser steps (actor and critic) before the next one fails; negative: never. */
    public volatile int failAfterSteps = -1;

    /** Decoding sessions before the next one fails; negative: never. */
    public volatile int failAfterDecodes = -1;

    synchronized void step() {
      if (failAfterSteps == 0) {
        throw new Killed("an optimiser step");
      }
      if (failAfterSteps > 0) {
        failAfterSteps--;
      }
    }

    synchronized void decode(List<TokenPair> inputs) {
      if (failAfterDecodes == 0) {
        throw new Killed("a decoding session");
      }
      if (failAfterDecodes > 0) {
        failAfterDecodes--;
      }
      decoded.addAll(inputs);
    }
  }

  /** Params of {@code tabular}. */
  public record ActorParams(Integer vocab, Long seed, Double learningRate) {
    public ActorParams {
      vocab = vocab == null ? 8 : vocab;
      seed = seed == null ? 1L : seed;
      learningRate = learningRate == null ? 0.5 : learningRate;
    }
  }

  /** Builds {@code tabular}: a {@link TabularActor} the recorder watches. */
  public static final class ActorFactory extends ParamsFactory<Actor, ActorParams> {
    private final Recorder recorder;

    @Inject
    public ActorFactory(Recorder recorder) {
      super(ActorParams.class);
      this.recorder = recorder;
    }

    @Override
    protected Actor build(ActorParams p) {
      return new Recorded(new TabularActor(p.vocab(), p.seed(), p.learningRate()), recorder);
    }

    @Override
    protected Actor reopenFrom(ActorParams p, Path checkpoint) {
      return new Recorded(TabularActor.load(checkpoint, p.learningRate()), recorder);
    }
  }

  private record Recorded(TabularActor actor, Recorder recorder) implements Actor {
    @Override
    public ModelInfo info() {
      return actor.info();
    }

    @Override
    public TextTokenizer tokenizer() {
      return actor.tokenizer();
    }

    @Override
    public DecodingSession startDecoding(List<TokenPair> inputs) {
      recorder.decode(inputs);
      return actor.startDecoding(inputs);
    }

    @Override
    public List<float[]> tokenLogProbs(List<TokenPair> batch) {
      return actor.tokenLogProbs(batch);
    }

    @Override
    public List<float[][]> hiddenStates(List<TokenPair> batch) {
      return actor.hiddenStates(batch);
    }

    @Override
    public double accumulateGradients(List<WeightedSequence> batch, double scale) {
      batch.forEach(s -> recorder.trained.add(s.pair()));
      return actor.accumulateGradients(batch, scale);
    }

    @Override
    public StepStats step() {
      recorder.step();
      return actor.step();
    }

    @Override
    public void save(Path dir) {
      actor.save(dir);
    }

    @Override
    public void close() {
      actor.close();
    }
  }

  /** Params of {@code tabular-critic}. */
  public record CriticParams(LabelSet labels, Integer vocab, Double learningRate, Long seed) {
    public CriticParams {
      labels = labels == null ? LabelSet.FOUR_CLASS : labels;
      vocab = vocab == null ? 8 : vocab;
      learningRate = learningRate == null ? 0.5 : learningRate;
      seed = seed == null ? 3L : seed;
    }
  }

  /** Builds {@code tabular-critic}: a {@link TabularCritic} whose steps the recorder counts. */
  public static final class CriticFactory extends ParamsFactory<Critic, CriticParams> {
    private final Recorder recorder;

    @Inject
    public CriticFactory(Recorder recorder) {
      super(CriticParams.class);
      this.recorder = recorder;
    }

    @Override
    protected Critic build(CriticParams p) {
      return new Stepped(
          new TabularCritic(p.labels(), p.vocab(), p.learningRate(), p.seed()), recorder);
    }

    @Override
    protected Critic reopenFrom(CriticParams p, Path checkpoint) {
      return new Stepped(TabularCritic.load(checkpoint, p.learningRate()), recorder);
    }
  }

  private record Stepped(TabularCritic critic, Recorder recorder) implements Critic {
    @Override
    public LabelSet labels() {
      return critic.labels();
    }

    @Override
    public List<CriticPrediction> predict(List<TokenPair> batch) {
      return critic.predict(batch);
    }

    @Override
    public double accumulateGradients(List<LabelledSample> batch, double scale) {
      return critic.accumulateGradients(batch, scale);
    }

    @Override
    public StepStats step() {
      recorder.step();
      return critic.step();
    }

    @Override
    public void save(Path dir) {
      critic.save(dir);
    }

    @Override
    public void close() {
      critic.close();
    }
  }

  /**
   * Params of {@code tabular-sampling}.
   *
   * @param temperature 0 for greedy
   */
  public record SamplingParams(Integer maxNewTokens, Double temperature) {
    public SamplingParams {
      maxNewTokens = maxNewTokens == null ? 4 : maxNewTokens;
      temperature = temperature == null ? 1.0 : temperature;
    }
  }

  /** Builds {@code tabular-sampling}. */
  public static final class SamplingFactory
      extends ParamsFactory<DecodingStrategy, SamplingParams> {
    public SamplingFactory() {
      super(SamplingParams.class);
    }

    @Override
    protected DecodingStrategy build(SamplingParams p) {
      return new Sampling(p.maxNewTokens(), p.temperature());
    }
  }

  /** Ancestral sampling one row at a time (greedy at temperature 0), for tests. */
  public record Sampling(int maxNewTokens, double temperature) implements DecodingStrategy {
    @Override
    public List<List<Generation>> decode(Actor actor, List<TokenPair> inputs, int n, long seed) {
      List<List<Generation>> out = new ArrayList<>();
      int eos = actor.tokenizer().eosId();
      for (int i = 0; i < inputs.size(); i++) {
        List<Generation> row = new ArrayList<>();
        for (int j = 0; j < n; j++) {
          Random r = new Random(seed * 1_000_003L + i * 1009L + j);
          List<Integer> ids = new ArrayList<>();
          List<Float> lps = new ArrayList<>();
          boolean finished = false;
          try (DecodingSession s = actor.startDecoding(List.of(inputs.get(i)))) {
            float[] logits = s.logits()[0];
            for (int t = 0; t < maxNewTokens; t++) {
              double[] lp = logSoftmax(logits);
              int next = temperature == 0 ? argmax(lp) : draw(lp, temperature, r);
              if (next == eos) {
                finished = true;
                break;
              }
              ids.add(next);
              lps.add((float) lp[next]);
              logits = s.append(new int[] {next})[0];
            }
          }
          double score = lps.stream().mapToDouble(Float::doubleValue).sum();
          row.add(
              new Generation(
                  Tokens.of(ids.stream().mapToInt(Integer::intValue).toArray()),
                  lps,
                  score,
                  finished));
        }
        out.add(row);
      }
      return out;
    }

    private static double[] logSoftmax(float[] z) {
      double max = Double.NEGATIVE_INFINITY;
      for (float v : z) {
        max = Math.max(max, v);
      }
      double sum = 0;
      for (float v : z) {
        sum += Math.exp(v - max);
      }
      double[] out = new double[z.length];
      for (int k = 0; k < z.length; k++) {
        out[k] = z[k] - max - Math.log(sum);
      }
      return out;
    }

    private static int argmax(double[] lp) {
      int best = 0;
      for (int k = 1; k < lp.length; k++) {
        if (lp[k] > lp[best]) {
          best = k;
        }
      }
      return best;
    }

    private static int draw(double[] lp, double temperature, Random r) {
      double[] p = new double[lp.length];
      double sum = 0;
      for (int k = 0; k < lp.length; k++) {
        p[k] = Math.exp(lp[k] / temperature);
        sum += p[k];
      }
      double u = r.nextDouble() * sum;
      for (int k = 0; k < p.length; k++) {
        u -= p[k];
        if (u <= 0) {
          return k;
        }
      }
      return p.length - 1;
    }
  }

  /**
   * Params of the scripted runner: programs pass when they hold the marker; {@code timeoutSeconds}
   * and {@code workers} are accepted (and ignored) as a real runner's are.
   */
  public record RunnerParams(
      String hiddenMarker,
      String exampleMarker,
      Integer stopAfter,
      Double timeoutSeconds,
      Integer workers) {
    public RunnerParams {
      hiddenMarker = hiddenMarker == null ? "HIDDEN_OK" : hiddenMarker;
      exampleMarker = exampleMarker == null ? "EXAMPLE_OK" : exampleMarker;
      stopAfter = stopAfter == null ? Integer.MAX_VALUE : stopAfter;
    }
  }

  /** Builds {@code scripted}. */
  public static final class RunnerFactory extends ParamsFactory<ProgramRunner, RunnerParams> {
    public RunnerFactory() {
      super(RunnerParams.class);
    }

    @Override
    protected ProgramRunner build(RunnerParams p) {
      return new ScriptedRunner(p.stopAfter(), p.hiddenMarker(), p.exampleMarker());
    }
  }

  /** Builds {@code scripted-reward}: CodeRL's values (Eq. 4–7), written out again for core. */
  /** {@code (r − r_greedy) · q̂_t}, or {@code r − r_greedy} on every token without the critic. */
  public static final class ReturnsFactory
      extends ParamsFactory<ReturnEstimator, dev.coderl4j.core.plugin.NoParams> {
    private final boolean critic;
    private final double sign;

    ReturnsFactory(boolean critic, double sign) {
      super(dev.coderl4j.core.plugin.NoParams.class);
      this.critic = critic;
      this.sign = sign;
    }

    @Override
    protected ReturnEstimator build(dev.coderl4j.core.plugin.NoParams p) {
      return new ReturnEstimator() {
        @Override
        public boolean usesCritic() {
          return critic;
        }

        @Override
        public boolean usesGreedyBaseline() {
          return true;
        }

        @Override
        public List<TokenReturns> estimate(ProblemRollouts problem) {
          double b = problem.greedyReward().orElseThrow();
          return problem.rollouts().stream()
              .map(
                  r ->
                      critic
                          ? TokenReturns.scaled(sign * (r.reward() - b), r.criticValues())
                          : TokenReturns.constant(sign * (r.reward() - b), r.length()))
              .toList();
        }
      };
    }
  }

  public static final class RewardFactory
      extends ParamsFactory<RewardScheme, dev.coderl4j.core.plugin.NoParams> {
    public RewardFactory() {
      super(dev.coderl4j.core.plugin.NoParams.class);
    }

    @Override
    protected RewardScheme build(dev.coderl4j.core.plugin.NoParams p) {
      return new RewardScheme() {
        @Override
        public double reward(Outcome outcome, List<TestResult> tests, int suiteSize) {
          return switch (outcome) {
            case Outcome.CompileError c -> -1.0;
            case Outcome.RuntimeError r -> -0.6;
            case Outcome.FailedTest f -> -0.3;
            case Outcome.Passed p -> 1.0;
          };
        }

        @Override
        public double min() {
          return -1.0;
        }

        @Override
        public double max() {
          return 1.0;
        }
      };
    }
  }

  /**
   * Params of the toy benchmark.
   *
   * @param split {@code train} or {@code test}: different problem ids
   * @param problems how many
   */
  public record ToyParams(String split, Integer problems) {
    public ToyParams {
      split = split == null ? "train" : split;
      problems = problems == null ? 6 : problems;
    }
  }

  /** Builds {@code toy}. */
  public static final class ToyFactory extends ParamsFactory<Benchmark, ToyParams> {
    public ToyFactory() {
      super(ToyParams.class);
    }

    @Override
    protected Benchmark build(ToyParams p) {
      return new Toy(p.split(), p.problems());
    }
  }

  /**
   * Problems {@code toy/SPLIT/i} whose statements grow with {@code i} (so token limits show), with
   * one reference solution, one hidden and one (different) example test.
   */
  public record Toy(String split, int count) implements Benchmark {
    @Override
    public String name() {
      return BENCHMARK;
    }

    @Override
    public List<Problem> problems() {
      List<Problem> out = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        out.add(
            new Problem(
                BENCHMARK + "/" + split + "/" + i,
                BENCHMARK,
                "write f" + "x".repeat(3 + i),
                "",
                Optional.empty(),
                new TestSuite.Asserts("", List.of("assert g()")),
                new TestSuite.Asserts("", List.of("assert f()")),
                List.of("def f" + "y".repeat(1 + i % 4)),
                Map.of()));
      }
      return out;
    }

    @Override
    public String problemId(String taskId) {
      if (!taskId.startsWith(BENCHMARK + "/")) {
        throw new IllegalArgumentException(
            "toy task ids look like toy/SPLIT/N, got '" + taskId + "'");
      }
      return taskId;
    }

    @Override
    public String defaultPromptFormat() {
      return FORMAT;
    }
  }

  /** Builds {@code toy}'s format: the statement is the prompt, the completion the program. */
  public static final class FormatFactory
      extends ParamsFactory<PromptFormat, dev.coderl4j.core.plugin.NoParams> {
    public FormatFactory() {
      super(dev.coderl4j.core.plugin.NoParams.class);
    }

    @Override
    protected PromptFormat build(dev.coderl4j.core.plugin.NoParams p) {
      return new PromptFormat() {
        @Override
        public String prompt(Problem problem) {
          return problem.statement();
        }

        @Override
        public List<String> stopSequences() {
          return List.of("h");
        }

        @Override
        public String program(Problem problem, String completion) {
          return completion;
        }
      };
    }
  }
}
