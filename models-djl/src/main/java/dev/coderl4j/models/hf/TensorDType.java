package dev.coderl4j.models.hf;

import ai.djl.ndarray.types.DataType;
import java.util.Arrays;
import java.util.Locale;

/**
 * Element types of stored tensors, with their safetensors names and sizes.
 *
 * <p>A closed set: the formats we read (safetensors, PyTorch storages) name their element types,
 * and anything outside this list is refused with the list of known names rather than guessed.
 */
public enum TensorDType {
  BOOL("BOOL", 1, false, DataType.BOOLEAN),
  U8("U8", 1, false, DataType.UINT8),
  I8("I8", 1, false, DataType.INT8),
  I16("I16", 2, false, DataType.INT16),
  I32("I32", 4, false, DataType.INT32),
  I64("I64", 8, false, DataType.INT64),
  F16("F16", 2, true, DataType.FLOAT16),
  BF16("BF16", 2, true, DataType.BFLOAT16),
  F32("F32", 4, true, DataType.FLOAT32),
  F64("F64", 8, true, DataType.FLOAT64);

  private final String safetensorsName;
  private final int byteSize;
  private final boolean floatingPoint;
  private final DataType djl;

  TensorDType(String safetensorsName, int byteSize, boolean floatingPoint, DataType djl) {
    this.safetensorsName = safetensorsName;
    this.byteSize = byteSize;
    this.floatingPoint = floatingPoint;
    this.djl = djl;
  }

  /** The name safetensors headers use ({@code "F32"}, {@code "BF16"}, ...). */
  public String safetensorsName() {
    return safetensorsName;
  }

  /** Bytes per element. */
  public int byteSize() {
    return byteSize;
  }

  /** Whether the type is a floating-point type (these are converted on load; integers are not). */
  public boolean isFloatingPoint() {
    return floatingPoint;
  }

  /**
   * The DJL data type with the same layout. For BF16 that is {@code BFLOAT16}, which DJL 0.36's
   * PyTorch engine cannot hold (it aborts the JVM), so the readers and the writer convert BF16
   * themselves and never create such an array.
   */
  public DataType djl() {
    return djl;
  }

  /**
   * The type a safetensors header names.
   *
   * @throws CheckpointException naming {@code where} and the known names if {@code name} is unknown
   */
  public static TensorDType fromSafetensors(String name, String where) {
    for (TensorDType t : values()) {
      if (t.safetensorsName.equals(name)) {
        return t;
      }
    }
    throw new CheckpointException(
        where
            + ": unsupported dtype \""
            + name
            + "\"; known dtypes: "
            + Arrays.toString(values())
            + " (convert the checkpoint to one of these, e.g. with safetensors in Python)");
  }

  /**
   * The type with the layout of a DJL data type.
   *
   * @throws CheckpointException if the DJL type has no safetensors counterpart
   */
  public static TensorDType fromDjl(DataType type) {
    for (TensorDType t : values()) {
      if (t.djl == type) {
        return t;
      }
    }
    throw new CheckpointException(
        "DJL data type "
            + type.toString().toLowerCase(Locale.ROOT)
            + " has no safetensors counterpart; known: "
            + Arrays.toString(values()));
  }
}
