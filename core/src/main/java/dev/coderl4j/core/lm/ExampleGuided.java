package dev.coderl4j.core.lm;

import java.util.Collections;
import java.util.List;

/**
 * What a decoding with example tests at hand returned (§3.3, Fig. 3): the generations of each input
 * and, per input, what each round of test-guided regeneration did.
 *
 * @param generations for each input, its generations
 * @param rounds for each input, its rounds; empty for a strategy that does not use the tests
 */
public record ExampleGuided(List<List<Generation>> generations, List<List<Round>> rounds) {
  public ExampleGuided {
    generations = generations.stream().map(List::copyOf).toList();
    rounds = rounds.stream().map(List::copyOf).toList();
    if (generations.size() != rounds.size()) {
      throw new IllegalArgumentException(
          generations.size() + " inputs' generations but " + rounds.size() + " inputs' rounds");
    }
  }

  /**
   * One round for one input.
   *
   * @param passing programs that passed the example tests
   * @param sampled programs this round generated (its share of the budget)
   * @param seedLengths the length of each seed cut from a passing program
   * @param stackCounts how many programs each seed was continued into
   */
  public record Round(
      int passing, int sampled, List<Integer> seedLengths, List<Integer> stackCounts) {
    public Round {
      seedLengths = List.copyOf(seedLengths);
      stackCounts = List.copyOf(stackCounts);
    }
  }

  /** Generations of a strategy that did not use the tests: no rounds. */
  public static ExampleGuided unguided(List<List<Generation>> generations) {
    return new ExampleGuided(generations, Collections.nCopies(generations.size(), List.of()));
  }
}
