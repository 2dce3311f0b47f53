package dev.coderl4j.list;

import java.util.List;
import java.util.Objects;

/**
 * The inputs of one test: the list {@code xs}, the second list {@code ys} and the integer {@code
 * n}; a program reads only those its steps use.
 */
public record Input(List<Long> xs, List<Long> ys, long n) {
  public Input {
    xs = List.copyOf(Objects.requireNonNull(xs, "xs"));
    ys = List.copyOf(Objects.requireNonNull(ys, "ys"));
  }
}
