package dev.coderl4j.core.training;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Seeded shuffling and batching, so that a resumed stage sees the same order as an uninterrupted
 * one.
 */
final class Batches {
  private Batches() {}

  /** The items of epoch {@code epoch} in a shuffled order that depends only on (seed, epoch). */
  static <T> List<T> shuffled(List<T> items, long seed, int epoch) {
    List<T> copy = new ArrayList<>(items);
    Collections.shuffle(copy, new Random(seed * 1_000_003L + epoch));
    return copy;
  }

  /** Consecutive batches of at most {@code size}. */
  static <T> List<List<T>> of(List<T> items, int size) {
    List<List<T>> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i += size) {
      out.add(List.copyOf(items.subList(i, Math.min(items.size(), i + size))));
    }
    return out;
  }

  static long tokens(List<dev.coderl4j.core.lm.WeightedSequence> seqs) {
    long n = 0;
    for (var s : seqs) {
      n += s.pair().target().size();
    }
    return n;
  }
}
