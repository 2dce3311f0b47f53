package dev.coderl4j.list;

import java.util.List;

/** The names the list-programs benchmark shares between its generator, files and plugin. */
public final class ListPrograms {
  /** The benchmark's name, of the benchmark, its generator and its prompt format. */
  public static final String NAME = "list-programs";

  /** The training split. */
  public static final String TRAIN = "train";

  /** The test split: programs disjoint from train, drawn like them. */
  public static final String TEST = "test";

  /** The test programs whose every adjacent function pair never occurs in train. */
  public static final String COMPOSITIONAL = "test-compositional";

  /** Every split, in the order the generator writes them. */
  public static final List<String> SPLITS = List.of(TRAIN, TEST, COMPOSITIONAL);

  /** Metadata key: the program's step labels joined by {@code " | "}. */
  public static final String STEPS = "steps";

  /** Metadata key: the split. */
  public static final String SPLIT = "split";

  /** Metadata key: the function every test calls (as HumanEval's {@code entry_point}). */
  public static final String ENTRY_POINT = "entry_point";

  private ListPrograms() {}

  /** The id of problem {@code index} of {@code split}, e.g. {@code list-programs/test/17}. */
  public static String problemId(String split, int index) {
    return NAME + "/" + split + "/" + index;
  }

  /** The split called {@code name}, or an error that lists the known ones. */
  public static String split(String name) {
    if (!SPLITS.contains(name)) {
      throw new IllegalArgumentException(
          "Unknown list-programs split [" + name + "]; known: " + SPLITS);
    }
    return name;
  }
}
