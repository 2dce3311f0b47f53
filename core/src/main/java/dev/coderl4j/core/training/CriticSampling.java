package dev.coderl4j.core.training;

import dev.coderl4j.core.critic.Critic;
import dev.coderl4j.core.critic.CriticPrediction;
import dev.coderl4j.core.critic.LabelSet;
import dev.coderl4j.core.lm.Actor;
import dev.coderl4j.core.lm.DecodingStrategy;
import dev.coderl4j.core.lm.ExampleCheck;
import dev.coderl4j.core.lm.ExampleGuided;
import dev.coderl4j.core.lm.Generation;
import dev.coderl4j.core.lm.TokenPair;
import dev.coderl4j.core.lm.Tokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Critic Sampling (§3.3, Fig. 3): generation guided by example tests and a binary critic, at the
 * same budget of programs per problem as plain sampling.
 *
 * <p>For each problem with a budget of {@code N} programs: (1) sample the first pass, {@code N_1 =
 * max(1, round(firstPass · N))} programs, with the base strategy; (2) run them against the example
 * tests; the ones that pass are {@code F}; (3) score each program of {@code F} with the binary
 * critic, {@code q̂(w_t) = p(PassedTest | w_1..t, D)}, cut it after the highest-valued token {@code
 * t_max}, and cut it further before the first token whose {@code p(FailedTest) > p(PassedTest)};
 * (4) stack the seeds over this round's share of the remaining {@code N − N_1} programs ({@code
 * share/|F|} each, the first {@code share mod |F|} seeds once more) and let the actor continue
 * them; the next round filters what the rounds so far generated. When no program has passed yet, a
 * round's share is sampled from the prompt: plain sampling.
 *
 * <p>The result is every program generated, first pass included, in generation order: exactly
 * {@code N} per problem, so that pass@k is compared at an equal budget, and no program that passed
 * the example tests is thrown away. (An earlier version replaced the pool with {@code N}
 * regenerated programs: it generated {@code 2N}, reported {@code N}, and discarded first-pass
 * programs that had passed; with an uninformative critic every seed was cut to nothing, so it was
 * plain sampling minus the passing programs, which is why it lowered pass@k.) Each regenerated
 * program is its seed followed by the continuation; its log-probabilities are the seed's followed
 * by the new ones.
 *
 * <p>Which token to cut at is the paper's only ambiguity: "chop it at this token by removing tokens
 * on the right" is read here as keeping the tokens before the first failing-leaning token, since
 * that token is the one the critic doubts.
 */
public final class CriticSampling {
  /**
   * The paper's split is not stated; half the budget for the first pass keeps both halves useful.
   */
  public static final double DEFAULT_FIRST_PASS = 0.5;

  private final DecodingStrategy base;
  private final Critic critic;
  private final int rounds;
  private final double firstPass;

  /**
   * @param base the sampler for both the first pass and the regeneration (the paper: nucleus)
   * @param critic the binary critic {@code φ_test}; a four-class critic works too (its FailedTest
   *     and PassedTest columns are compared)
   * @param rounds regeneration rounds after the first pass, at least 1 (the paper: 1)
   */
  public CriticSampling(DecodingStrategy base, Critic critic, int rounds) {
    this(base, critic, rounds, DEFAULT_FIRST_PASS);
  }

  /**
   * @param firstPass the share of the budget sampled before any example test is run, in (0, 1]
   */
  public CriticSampling(DecodingStrategy base, Critic critic, int rounds, double firstPass) {
    this.base = Objects.requireNonNull(base, "base");
    this.critic = Objects.requireNonNull(critic, "critic");
    if (rounds < 1) {
      throw new IllegalArgumentException(
          "rounds must be at least 1 (the paper regenerates once), got " + rounds);
    }
    if (!(firstPass > 0 && firstPass <= 1)) {
      throw new IllegalArgumentException(
          "firstPass must be in (0, 1], the share of the budget sampled before the example tests"
              + " (default 0.5), got "
              + firstPass);
    }
    this.rounds = rounds;
    this.firstPass = firstPass;
  }

  /**
   * The programs of each problem (exactly the budget, first pass first) and what each round did.
   *
   * @param firstPass programs per problem of the first pass
   */
  public record Result(
      List<List<Generation>> generations, List<List<ExampleGuided.Round>> rounds, int firstPass) {
    public Result {
      generations = generations.stream().map(List::copyOf).toList();
      rounds = rounds.stream().map(List::copyOf).toList();
    }
  }

  /** Programs per problem of the first pass for a budget of {@code n}. */
  public int firstPassSize(int n) {
    return n == 0 ? 0 : Math.max(1, Math.min(n, (int) Math.round(firstPass * n)));
  }

  /** Round {@code r}'s (1-based) share of the {@code rest} programs after the first pass. */
  static int share(int rest, int rounds, int r) {
    return rest / rounds + (r <= rest % rounds ? 1 : 0);
  }

  /**
   * Runs Critic Sampling.
   *
   * @param inputs one prompt per problem (its target, the seed, is normally empty)
   * @param checks one example-test check per problem
   * @param n programs per problem, the budget (the paper: 200)
   * @param seed seeds every sampling call; round {@code i} uses {@code seed + i}
   */
  public Result decode(
      Actor actor, List<TokenPair> inputs, List<ExampleCheck> checks, int n, long seed) {
    if (inputs.size() != checks.size()) {
      throw new IllegalArgumentException(
          inputs.size() + " inputs but " + checks.size() + " example checks");
    }
    int n1 = firstPassSize(n);
    List<List<Generation>> pools = new ArrayList<>();
    for (List<Generation> g : base.decode(actor, inputs, n1, seed)) {
      pools.add(new ArrayList<>(g));
    }
    List<List<ExampleGuided.Round>> trace = new ArrayList<>();
    List<List<Generation>> passingSoFar = new ArrayList<>();
    List<Integer> checked = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      trace.add(new ArrayList<>());
      passingSoFar.add(new ArrayList<>());
      checked.add(0);
    }
    for (int round = 1; round <= rounds; round++) {
      int quota = share(n - n1, rounds, round);
      if (quota == 0) {
        continue;
      }
      for (int i = 0; i < inputs.size(); i++) {
        TokenPair input = inputs.get(i);
        List<Generation> pool = pools.get(i);
        // Only programs not yet checked are run: a program's example outcome does not change.
        List<Generation> fresh = pool.subList(checked.get(i), pool.size());
        passingSoFar.get(i).addAll(filter(fresh, checks.get(i)));
        checked.set(i, pool.size());
        List<Generation> passing = passingSoFar.get(i);
        long roundSeed = seed + round * 1_000_003L + i;
        if (passing.isEmpty()) {
          trace.get(i).add(new ExampleGuided.Round(0, quota, List.of(), List.of()));
          pool.addAll(base.decode(actor, List.of(input), quota, roundSeed).get(0));
          continue;
        }
        List<Generation> seeds = seeds(input, passing);
        int[] counts = stackCounts(seeds.size(), quota);
        trace
            .get(i)
            .add(
                new ExampleGuided.Round(
                    passing.size(),
                    quota,
                    seeds.stream().map(g -> g.tokens().size()).toList(),
                    java.util.Arrays.stream(counts).boxed().toList()));
        pool.addAll(regenerate(actor, input, seeds, counts, roundSeed));
      }
    }
    return new Result(pools, trace, n1);
  }

  /** Step 2: the programs of {@code pool} that pass the example tests, in order. */
  static List<Generation> filter(List<Generation> pool, ExampleCheck check) {
    List<Tokens> programs = pool.stream().map(Generation::tokens).toList();
    List<Boolean> ok = check.passes(programs);
    if (ok.size() != pool.size()) {
      throw new IllegalStateException(
          "example check answered " + ok.size() + " of " + pool.size() + " programs");
    }
    List<Generation> out = new ArrayList<>();
    for (int j = 0; j < pool.size(); j++) {
      if (ok.get(j)) {
        out.add(pool.get(j));
      }
    }
    return out;
  }

  /** Step 3: each passing program cut to its seed (the seed's tokens and log-probabilities). */
  List<Generation> seeds(TokenPair input, List<Generation> passing) {
    List<TokenPair> pairs = new ArrayList<>();
    for (Generation g : passing) {
      pairs.add(new TokenPair(input.source(), input.target().concat(g.tokens())));
    }
    List<CriticPrediction> predictions = critic.predict(pairs);
    LabelSet labels = critic.labels();
    List<Generation> out = new ArrayList<>();
    int offset = input.target().size();
    for (int j = 0; j < passing.size(); j++) {
      Generation g = passing.get(j);
      CriticPrediction p = predictions.get(j);
      double[] pass = tail(p.tokenValues(labels.passedIndex()), offset);
      double[] fail = tail(p.tokenValues(labels.failedIndex()), offset);
      int len = seedLength(pass, fail);
      out.add(
          new Generation(
              g.tokens().prefix(len),
              g.logProbs().subList(0, Math.min(len, g.logProbs().size())),
              g.score(),
              false));
    }
    return out;
  }

  /**
   * The seed length for one program: cut after {@code t_max = argmax_t p(Pass)_t} (the first
   * maximum), then before the first token {@code t ≤ t_max} with {@code p(Fail)_t > p(Pass)_t}.
   */
  public static int seedLength(double[] pPass, double[] pFail) {
    if (pPass.length != pFail.length) {
      throw new IllegalArgumentException("value columns differ in length");
    }
    if (pPass.length == 0) {
      return 0;
    }
    int tMax = 0;
    for (int t = 1; t < pPass.length; t++) {
      if (pPass[t] > pPass[tMax]) {
        tMax = t;
      }
    }
    for (int t = 0; t <= tMax; t++) {
      if (pFail[t] > pPass[t]) {
        return t;
      }
    }
    return tMax + 1;
  }

  /**
   * Step 4's upsampling: how many programs each of {@code seeds} seeds so that {@code n} come out,
   * {@code n / seeds} each and one more for the first {@code n mod seeds}.
   */
  public static int[] stackCounts(int seeds, int n) {
    if (seeds < 1 || n < 0) {
      throw new IllegalArgumentException("need at least one seed and n ≥ 0: " + seeds + ", " + n);
    }
    int[] counts = new int[seeds];
    for (int j = 0; j < seeds; j++) {
      counts[j] = n / seeds + (j < n % seeds ? 1 : 0);
    }
    return counts;
  }

  private List<Generation> regenerate(
      Actor actor, TokenPair input, List<Generation> seeds, int[] counts, long seed) {
    // Seeds with the same count go in one call (there are at most two counts), so that each
    // stacked copy is a separate draw of the strategy rather than a repeated input.
    List<Generation> out = new ArrayList<>();
    for (int count : java.util.Arrays.stream(counts).distinct().toArray()) {
      if (count == 0) {
        continue;
      }
      List<Generation> group = new ArrayList<>();
      List<TokenPair> prompts = new ArrayList<>();
      for (int j = 0; j < seeds.size(); j++) {
        if (counts[j] == count) {
          group.add(seeds.get(j));
          prompts.add(new TokenPair(input.source(), input.target().concat(seeds.get(j).tokens())));
        }
      }
      List<List<Generation>> continued = base.decode(actor, prompts, count, seed + count);
      for (int j = 0; j < group.size(); j++) {
        Generation s = group.get(j);
        for (Generation c : continued.get(j)) {
          List<Float> lp = new ArrayList<>(s.logProbs());
          lp.addAll(c.logProbs());
          out.add(new Generation(s.tokens().concat(c.tokens()), lp, c.score(), c.finished()));
        }
      }
    }
    return out;
  }

  private static double[] tail(double[] values, int from) {
    return java.util.Arrays.copyOfRange(values, Math.min(from, values.length), values.length);
  }
}
