package dev.coderl4j.core.metrics;

import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * pass@k and n@k over one group of problems (all problems, or one difficulty).
 *
 * @param problems problems in the group
 * @param samples samples over all its problems
 * @param minSamples the smallest number of samples of any problem, which bounds k
 * @param passAtK pass@k by k
 * @param nAtK n@k by {@code "n@k"}, e.g. {@code "1@10"}
 */
public record GroupMetrics(
    int problems,
    long samples,
    int minSamples,
    SortedMap<Integer, AtK> passAtK,
    Map<String, AtK> nAtK) {

  public GroupMetrics {
    passAtK =
        java.util.Collections.unmodifiableSortedMap(new TreeMap<>(Objects.requireNonNull(passAtK)));
    nAtK =
        java.util.Collections.unmodifiableMap(
            new java.util.LinkedHashMap<>(Objects.requireNonNull(nAtK)));
  }
}
