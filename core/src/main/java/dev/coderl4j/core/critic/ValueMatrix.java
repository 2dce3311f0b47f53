package dev.coderl4j.core.critic;

import java.util.Arrays;

/**
 * An immutable {@code [rows][columns]} matrix of floats: a critic's per-token class distributions.
 *
 * <p>A value class (like {@link dev.coderl4j.core.lm.Tokens}) because records must not hold arrays
 * and programs have hundreds of tokens; it copies on the way in and out.
 */
public final class ValueMatrix {
  private final float[][] values;
  private final int columns;

  private ValueMatrix(float[][] values, int columns) {
    this.values = values;
    this.columns = columns;
  }

  /**
   * A copy of {@code values}; every row must have {@code columns} entries.
   *
   * @param columns the row width, needed when there are no rows
   */
  public static ValueMatrix of(float[][] values, int columns) {
    float[][] copy = new float[values.length][];
    for (int i = 0; i < values.length; i++) {
      if (values[i].length != columns) {
        throw new IllegalArgumentException(
            "row " + i + " has " + values[i].length + " values, expected " + columns);
      }
      copy[i] = values[i].clone();
    }
    return new ValueMatrix(copy, columns);
  }

  public int rows() {
    return values.length;
  }

  public int columns() {
    return columns;
  }

  public float get(int row, int column) {
    return values[row][column];
  }

  /** A copy of one row. */
  public float[] row(int row) {
    return values[row].clone();
  }

  /** A copy of one column: e.g. p(PassedTest) at every token. */
  public double[] column(int column) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i][column];
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ValueMatrix m
        && columns == m.columns
        && Arrays.deepEquals(values, m.values);
  }

  @Override
  public int hashCode() {
    return Arrays.deepHashCode(values) * 31 + columns;
  }

  @Override
  public String toString() {
    return "ValueMatrix[" + values.length + "x" + columns + "]";
  }
}
