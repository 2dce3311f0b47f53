package dev.coderl4j.core.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coderl4j.core.training.TabularActor;
import java.util.Collections;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * What every {@link DecodingStrategy} plugin must do (§3.3, §4): n generations per input, the same
 * ones for the same seed, at most {@code maxNewTokens} tokens each with one log-probability per
 * token, and, given example checks that pass nothing, the same generations as without them (so that
 * Critic Sampling falls back to plain sampling). Implemented by each strategy's test on a scripted
 * actor ({@link TabularActor} by default).
 */
public interface DecodingStrategyContract {

  /** The strategy under test. */
  DecodingStrategy strategy();

  /** The most tokens the strategy under test generates per sequence. */
  int maxNewTokens();

  /** The most sequences per input it can return (greedy: 1, beam: its width). */
  default int maxN() {
    return 4;
  }

  /** The actor to decode with. */
  default Actor actor() {
    return new TabularActor(8, 5, 0.1);
  }

  @Provide
  default Arbitrary<List<TokenPair>> inputs() {
    Arbitrary<Tokens> ids =
        Arbitraries.integers()
            .between(1, 7)
            .list()
            .ofMinSize(1)
            .ofMaxSize(4)
            .map(l -> Tokens.of(l.stream().mapToInt(Integer::intValue).toArray()));
    Arbitrary<Tokens> seeds =
        Arbitraries.integers()
            .between(1, 7)
            .list()
            .ofMaxSize(2)
            .map(l -> Tokens.of(l.stream().mapToInt(Integer::intValue).toArray()));
    return Combinators.combine(ids, seeds).as(TokenPair::new).list().ofMinSize(1).ofMaxSize(3);
  }

  private int n(int n) {
    return 1 + (n - 1) % maxN();
  }

  @Property(tries = 10)
  default void givesNGenerationsPerInputWithinTheLengthLimit(
      @ForAll("inputs") List<TokenPair> inputs,
      @ForAll @IntRange(min = 1, max = 4) int n,
      @ForAll long seed) {
    int k = n(n);
    Actor actor = actor();
    List<List<Generation>> out = strategy().decode(actor, inputs, k, seed);
    assertEquals(inputs.size(), out.size());
    for (List<Generation> row : out) {
      assertEquals(k, row.size());
      for (Generation g : row) {
        assertTrue(g.tokens().size() <= maxNewTokens(), g.tokens().size() + " tokens");
        assertEquals(g.tokens().size(), g.logProbs().size());
        g.logProbs().forEach(lp -> assertTrue(lp <= 1e-6, "log-probability " + lp));
        g.tokens().stream()
            .forEach(t -> assertTrue(t >= 0 && t < actor.info().vocabSize(), "token " + t));
      }
    }
  }

  @Property(tries = 8)
  default void theSameSeedGivesTheSameGenerations(
      @ForAll("inputs") List<TokenPair> inputs, @ForAll long seed) {
    Actor actor = actor();
    assertEquals(
        strategy().decode(actor, inputs, n(2), seed), strategy().decode(actor, inputs, n(2), seed));
  }

  @Property(tries = 8)
  default void exampleChecksThatPassNothingChangeNothing(
      @ForAll("inputs") List<TokenPair> inputs, @ForAll long seed) {
    Actor actor = actor();
    ExampleGuided guided =
        strategy()
            .decode(
                actor, inputs, Collections.nCopies(inputs.size(), ExampleCheck.NONE), n(3), seed);
    assertEquals(strategy().decode(actor, inputs, n(3), seed), guided.generations());
    assertEquals(inputs.size(), guided.rounds().size());
    guided.rounds().forEach(rs -> rs.forEach(r -> assertEquals(0, r.passing())));
  }
}
