package dev.coderl4j.core.lm;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * An immutable sequence of token ids.
 *
 * <p>A value class rather than {@code List<Integer>} because decoding and training handle many
 * thousands of them; it copies on the way in and out so records that hold it stay immutable.
 */
public final class Tokens {
  private static final Tokens EMPTY = new Tokens(new int[0]);
  private final int[] ids;

  private Tokens(int[] ids) {
    this.ids = ids;
  }

  /** A copy of {@code ids}. */
  public static Tokens of(int... ids) {
    return ids.length == 0 ? EMPTY : new Tokens(ids.clone());
  }

  /** The empty sequence. */
  public static Tokens empty() {
    return EMPTY;
  }

  public int size() {
    return ids.length;
  }

  public boolean isEmpty() {
    return ids.length == 0;
  }

  public int get(int i) {
    return ids[i];
  }

  /** A copy of the ids. */
  public int[] toArray() {
    return ids.clone();
  }

  public IntStream stream() {
    return Arrays.stream(ids);
  }

  /** The first {@code n} ids (all of them if {@code n >= size()}). */
  public Tokens prefix(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("negative prefix length " + n);
    }
    return n >= ids.length ? this : new Tokens(Arrays.copyOf(ids, n));
  }

  /** This sequence followed by {@code other}. */
  public Tokens concat(Tokens other) {
    int[] out = Arrays.copyOf(ids, ids.length + other.ids.length);
    System.arraycopy(other.ids, 0, out, ids.length, other.ids.length);
    return new Tokens(out);
  }

  /** This sequence followed by one more id. */
  public Tokens append(int id) {
    int[] out = Arrays.copyOf(ids, ids.length + 1);
    out[ids.length] = id;
    return new Tokens(out);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Tokens t && Arrays.equals(ids, t.ids);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(ids);
  }

  @Override
  public String toString() {
    return Arrays.toString(ids);
  }
}
