package dev.coderl4j.models.hf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;

/** Bit-level comparison of arrays: same dtype, same shape, same bytes (NaN payloads included). */
final class TensorAssertions {
  private TensorAssertions() {}

  static void assertBitIdentical(NDArray expected, NDArray actual, String name) {
    assertEquals(expected.getDataType(), actual.getDataType(), () -> name + ": dtype");
    assertEquals(expected.getShape(), actual.getShape(), () -> name + ": shape");
    assertTrue(
        expected.toByteBuffer().equals(actual.toByteBuffer()), () -> name + ": bytes differ");
  }
}
