package dev.coderl4j.plugins.coderl.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coderl4j.core.lm.Actor;
import dev.coderl4j.core.lm.DecodingStrategy;
import dev.coderl4j.core.lm.DecodingStrategyContract;
import dev.coderl4j.core.lm.ExampleCheck;
import dev.coderl4j.core.lm.ExampleGuided;
import dev.coderl4j.core.lm.Generation;
import dev.coderl4j.core.lm.TokenPair;
import dev.coderl4j.core.lm.Tokens;
import dev.coderl4j.core.training.ScriptedCritic;
import dev.coderl4j.plugins.decoding.NucleusSampling;
import java.util.Collections;
import java.util.List;
import net.jqwik.api.Example;

/**
 * {@code critic-sampling} satisfies the decoding contract on the scripted actor and critic, and
 * reaches its example tests through {@link DecodingStrategy#decode(Actor, List, List, int, long)}.
 */
class CriticSamplingStrategyProperties implements DecodingStrategyContract {
  private static final int MAX_NEW = 6;

  @Override
  public DecodingStrategy strategy() {
    // p(PassedTest) falls with the token id, so seeds are cut where the critic doubts.
    return new CriticSamplingStrategy(
        new NucleusSampling(new NucleusSampling.Params(1.0, 1.0, 0, MAX_NEW)),
        new ScriptedCritic(t -> 1.0 - t / 8.0),
        1);
  }

  /** A regenerated program is a seed (a prefix of a sample) and a continuation. */
  @Override
  public int maxNewTokens() {
    return 2 * MAX_NEW;
  }

  @Example
  void programsThatPassTheExampleTestsSeedTheNextRound() {
    Actor actor = actor();
    List<TokenPair> inputs = List.of(TokenPair.prompt(Tokens.of(1, 2, 3)));
    try (DecodingStrategy cs = strategy()) {
      ExampleGuided plain = cs.decode(actor, inputs, List.of(ExampleCheck.NONE), 8, 11);
      // The first pass (half the budget) is the same draw with and without example tests; its
      // passing programs (here: those as long as its first one) seed the rest, and are kept.
      List<Generation> firstPass = plain.generations().get(0).subList(0, 4);
      int first = firstPass.get(0).tokens().size();
      ExampleCheck check = programs -> programs.stream().map(p -> p.size() == first).toList();
      ExampleGuided guided = cs.decode(actor, inputs, List.of(check), 8, 11);
      long passing = firstPass.stream().filter(g -> g.tokens().size() == first).count();
      assertTrue(passing > 0, "the example needs a program that passes");
      assertEquals(1, guided.rounds().get(0).size());
      assertEquals(passing, guided.rounds().get(0).get(0).passing());
      assertEquals(8, guided.generations().get(0).size());
      assertEquals(firstPass, guided.generations().get(0).subList(0, 4));
      List<Integer> seeds = guided.rounds().get(0).get(0).seedLengths();
      for (Generation g : guided.generations().get(0)) {
        assertTrue(seeds.stream().anyMatch(len -> g.tokens().size() >= len));
      }
      assertTrue(!plain.generations().equals(guided.generations()));
      assertEquals(plain.generations(), cs.decode(actor, inputs, 8, 11));
      assertEquals(
          Collections.nCopies(1, List.of()),
          plain.rounds().stream()
              .map(rs -> rs.stream().filter(r -> r.passing() > 0).toList())
              .toList());
    }
  }
}
