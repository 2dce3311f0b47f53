package dev.coderl4j.core.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coderl4j.core.lm.Actor;
import dev.coderl4j.core.lm.DecodingStrategy;
import dev.coderl4j.core.lm.ExampleCheck;
import dev.coderl4j.core.lm.Generation;
import dev.coderl4j.core.lm.TokenPair;
import dev.coderl4j.core.lm.Tokens;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Each step of Critic Sampling (§3.3, Fig. 3) on a scripted sampler and critic. */
class CriticSamplingTest {
  private static final TokenPair PROMPT = TokenPair.prompt(Tokens.of(7, 8));

  /** A sampler that answers the first call with a fixed pool and continuations with [seed…, 99]. */
  static final class ScriptedStrategy implements DecodingStrategy {
    final List<List<Generation>> first;
    final List<List<TokenPair>> calls = new ArrayList<>();
    final List<Integer> ns = new ArrayList<>();

    ScriptedStrategy(List<List<Generation>> first) {
      this.first = first;
    }

    @Override
    public List<List<Generation>> decode(Actor actor, List<TokenPair> inputs, int n, long seed) {
      calls.add(inputs);
      ns.add(n);
      if (calls.size() == 1) {
        return first;
      }
      List<List<Generation>> out = new ArrayList<>();
      for (TokenPair in : inputs) {
        List<Generation> gs = new ArrayList<>();
        for (int k = 0; k < n; k++) {
          gs.add(new Generation(Tokens.of(99, k), List.of(-0.5f, -0.25f), -0.75, true));
        }
        out.add(gs);
      }
      return out;
    }
  }

  private static Generation gen(int... ids) {
    List<Float> lp = new ArrayList<>();
    for (int i = 0; i < ids.length; i++) {
      lp.add(-(float) (i + 1));
    }
    return new Generation(Tokens.of(ids), lp, -1, true);
  }

  // p(PassedTest) by token id: 1 → 0.6, 2 → 0.9 (the peak), 3 → 0.3 (doubtful), others 0.55.
  private static final ScriptedCritic CRITIC =
      new ScriptedCritic(
          t ->
              switch (t) {
                case 1 -> 0.6;
                case 2 -> 0.9;
                case 3 -> 0.3;
                default -> 0.55;
              });

  @Test
  void seedEndsAtTheHighestValuedToken() {
    assertEquals(
        3,
        CriticSampling.seedLength(
            new double[] {0.6, 0.7, 0.9, 0.8}, new double[] {0.4, 0.3, 0.1, 0.2}));
  }

  @Test
  void seedIsChoppedBeforeTheFirstTokenThatLeansToFailure() {
    double[] pass = {0.6, 0.4, 0.9, 0.8};
    double[] fail = {0.4, 0.6, 0.1, 0.2};
    assertEquals(1, CriticSampling.seedLength(pass, fail));
  }

  @Test
  void aFailureLeaningTokenAfterTheMaximumDoesNotMatter() {
    assertEquals(
        2, CriticSampling.seedLength(new double[] {0.6, 0.9, 0.2}, new double[] {0.4, 0.1, 0.8}));
  }

  @Test
  void theFirstOfEqualMaximaIsTaken() {
    assertEquals(
        1, CriticSampling.seedLength(new double[] {0.7, 0.6, 0.7}, new double[] {0.3, 0.4, 0.3}));
  }

  @Property
  void stackingGivesNProgramsSpreadEvenly(
      @ForAll @IntRange(min = 1, max = 40) int seeds, @ForAll @IntRange(min = 0, max = 300) int n) {
    int[] counts = CriticSampling.stackCounts(seeds, n);
    assertEquals(n, java.util.Arrays.stream(counts).sum());
    int min = java.util.Arrays.stream(counts).min().orElseThrow();
    int max = java.util.Arrays.stream(counts).max().orElseThrow();
    assertTrue(max - min <= 1);
    assertEquals(n / seeds, min);
  }

  @Test
  void stackCountsOfTheExample() {
    assertArrayEquals(new int[] {3, 3, 2}, CriticSampling.stackCounts(3, 8));
  }

  @Test
  void withNoProgramPassingTheExamplesItIsPlainSampling() {
    List<List<Generation>> pool = List.of(List.of(gen(1, 2), gen(3)));
    ScriptedStrategy base = new ScriptedStrategy(pool);
    CriticSampling cs = new CriticSampling(base, CRITIC, 1);
    CriticSampling.Result r = cs.decode(null, List.of(PROMPT), List.of(ExampleCheck.NONE), 4, 1);
    // Half the budget first, then the other half sampled from the prompt: 4 programs in all.
    assertEquals(List.of(2, 2), base.ns);
    assertEquals(List.of(PROMPT), base.calls.get(1));
    List<Generation> out = r.generations().get(0);
    assertEquals(4, out.size());
    assertEquals(pool.get(0), out.subList(0, 2));
    assertEquals(Tokens.of(99, 0), out.get(2).tokens());
    dev.coderl4j.core.lm.ExampleGuided.Round round = r.rounds().get(0).get(0);
    assertEquals(0, round.passing());
    assertEquals(2, round.sampled());
    assertEquals(2, r.firstPass());
  }

  @Test
  void passingProgramsAreKeptAndTheirSeedsFillTheRestOfTheBudget() {
    // Programs: [1,2,3,4] passes, [3,3] fails, [4,1,2] passes.
    List<List<Generation>> pool = List.of(List.of(gen(1, 2, 3, 4), gen(3, 3), gen(4, 1, 2)));
    ScriptedStrategy base = new ScriptedStrategy(pool);
    ScriptedCritic critic =
        new ScriptedCritic(
            t ->
                switch (t) {
                  case 1 -> 0.6;
                  case 2 -> 0.9;
                  case 3 -> 0.3;
                  default -> 0.55;
                });
    ExampleCheck check = programs -> programs.stream().map(p -> p.get(0) != 3).toList();
    // A budget of 8 with 3/8 of it in the first pass: 3 first, 5 regenerated.
    CriticSampling cs = new CriticSampling(base, critic, 1, 0.375);
    CriticSampling.Result r = cs.decode(null, List.of(PROMPT), List.of(check), 8, 1);
    assertEquals(3, base.ns.get(0));

    // Step 3: the critic saw only the two passing programs, each with the prompt as source.
    assertEquals(
        List.of(
            new TokenPair(PROMPT.source(), Tokens.of(1, 2, 3, 4)),
            new TokenPair(PROMPT.source(), Tokens.of(4, 1, 2))),
        critic.asked);
    // Peak p(Pass) is at token 2 in both: seeds [1,2] and [4,1,2].
    dev.coderl4j.core.lm.ExampleGuided.Round round = r.rounds().get(0).get(0);
    assertEquals(2, round.passing());
    assertEquals(5, round.sampled());
    assertEquals(List.of(2, 3), round.seedLengths());
    // Step 4: the 5 remaining programs from 2 seeds: 3 + 2.
    assertEquals(List.of(3, 2), round.stackCounts());
    assertEquals(List.of(3, 2), base.ns.subList(1, 3));
    assertEquals(List.of(new TokenPair(PROMPT.source(), Tokens.of(1, 2))), base.calls.get(1));
    assertEquals(List.of(new TokenPair(PROMPT.source(), Tokens.of(4, 1, 2))), base.calls.get(2));

    List<Generation> out = r.generations().get(0);
    assertEquals(8, out.size(), "the same budget as plain sampling");
    assertEquals(pool.get(0), out.subList(0, 3), "no first-pass program is thrown away");
    assertEquals(Tokens.of(1, 2, 99, 0), out.get(3).tokens());
    assertEquals(Tokens.of(4, 1, 2, 99, 1), out.get(7).tokens());
    // The seed keeps the log-probabilities it was sampled with; the continuation adds its own.
    assertEquals(List.of(-1f, -2f, -0.5f, -0.25f), out.get(3).logProbs());
  }

  @Test
  void aSeedThatLeansToFailureFromTheStartIsEmpty() {
    List<List<Generation>> pool = List.of(List.of(gen(3, 2)));
    ScriptedStrategy base = new ScriptedStrategy(pool);
    CriticSampling cs = new CriticSampling(base, CRITIC, 1);
    CriticSampling.Result r =
        cs.decode(null, List.of(PROMPT), List.of(p -> Collections.nCopies(p.size(), true)), 2, 1);
    assertEquals(List.of(0), r.rounds().get(0).get(0).seedLengths());
    assertEquals(Tokens.of(3, 2), r.generations().get(0).get(0).tokens());
    assertEquals(Tokens.of(99, 0), r.generations().get(0).get(1).tokens());
  }

  @Test
  void roundsShareTheRestAndEachChecksOnlyNewPrograms() {
    List<List<Generation>> pool = List.of(List.of(gen(1, 2)));
    ScriptedStrategy base = new ScriptedStrategy(pool);
    CriticSampling cs = new CriticSampling(base, CRITIC, 3, 0.25);
    List<Tokens> checked = new ArrayList<>();
    ExampleCheck check =
        programs -> {
          checked.addAll(programs);
          return Collections.nCopies(programs.size(), true);
        };
    CriticSampling.Result r = cs.decode(null, List.of(PROMPT), List.of(check), 4, 1);
    assertEquals(3, r.rounds().get(0).size());
    // Round 2 checks round 1's regenerated program only; the first pass was checked once.
    assertEquals(List.of(Tokens.of(1, 2), Tokens.of(1, 2, 99, 0), Tokens.of(1, 2, 99, 0)), checked);
    assertEquals(
        List.of(1, 2, 3),
        r.rounds().get(0).stream().map(dev.coderl4j.core.lm.ExampleGuided.Round::passing).toList());
    assertEquals(4, r.generations().get(0).size());
    assertEquals(4, base.calls.size());
  }

  @Property
  void theBudgetIsExactAndPassingFirstPassProgramsSurvive(
      @ForAll @IntRange(min = 0, max = 30) int n,
      @ForAll @IntRange(min = 1, max = 4) int rounds,
      @ForAll @IntRange(min = 1, max = 10) int firstTenths,
      @ForAll long pattern) {
    CriticSampling probe =
        new CriticSampling(new ScriptedStrategy(List.of()), CRITIC, rounds, firstTenths / 10.0);
    int n1 = probe.firstPassSize(n);
    List<Generation> first = new ArrayList<>();
    for (int k = 0; k < n1; k++) {
      first.add(gen(1 + (k % 4), 2));
    }
    ScriptedStrategy base = new ScriptedStrategy(List.of(first));
    CriticSampling cs = new CriticSampling(base, CRITIC, rounds, firstTenths / 10.0);
    ExampleCheck check =
        programs ->
            programs.stream()
                .map(p -> ((pattern >>> (Math.abs(p.hashCode()) % 63)) & 1) == 1)
                .toList();
    CriticSampling.Result r = cs.decode(null, List.of(PROMPT), List.of(check), n, 7);
    List<Generation> out = r.generations().get(0);
    assertEquals(n, out.size());
    assertEquals(first, out.subList(0, n1));
    int sampled =
        r.rounds().get(0).stream()
            .mapToInt(dev.coderl4j.core.lm.ExampleGuided.Round::sampled)
            .sum();
    assertEquals(n - n1, sampled);
  }
}
