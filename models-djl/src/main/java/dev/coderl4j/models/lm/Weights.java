package dev.coderl4j.models.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.coderl4j.models.hf.Checkpoint;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * Hands checkpoint tensors to an architecture by Hugging Face name, checking each shape, and
 * records which ones it took: those are the model's parameters (trained, saved).
 */
public final class Weights {
  private final Map<String, NDArray> source;
  private final String origin;
  private final Map<String, NDArray> taken = new LinkedHashMap<>();
  private final Checkpoint checkpoint;
  private final BiFunction<String, Shape, NDArray> generator;

  /**
   * @param source tensors by Hugging Face name
   * @param origin where they came from, for messages (a folder or file)
   */
  public Weights(Map<String, NDArray> source, String origin) {
    this.source = Objects.requireNonNull(source, "source");
    this.origin = origin;
    this.checkpoint = null;
    this.generator = null;
  }

  private Weights(BiFunction<String, Shape, NDArray> generator, String origin) {
    this.source = new LinkedHashMap<>();
    this.origin = origin;
    this.checkpoint = null;
    this.generator = generator;
  }

  /**
   * Weights made on demand by {@code generator} (name, shape), e.g. random ones for benchmarking an
   * architecture of a given shape without a checkpoint; no optional tensor is present ({@link #has}
   * is false).
   */
  public static Weights generated(BiFunction<String, Shape, NDArray> generator, String origin) {
    return new Weights(Objects.requireNonNull(generator, "generator"), origin);
  }

  /** Tensors {@code loaded} from {@code checkpoint}; mismatches are reported by the checkpoint. */
  public Weights(Checkpoint checkpoint, Map<String, NDArray> loaded) {
    this.source = Objects.requireNonNull(loaded, "loaded");
    this.origin = checkpoint.toString();
    this.checkpoint = checkpoint;
    this.generator = null;
  }

  /** The tensor {@code name}, which must have {@code shape}. */
  public NDArray take(String name, long... shape) {
    if (checkpoint != null) {
      NDArray a = checkpoint.require(source, name, new Shape(shape));
      taken.put(name, a);
      return a;
    }
    NDArray a =
        generator == null
            ? source.get(name)
            : source.computeIfAbsent(name, n -> generator.apply(n, new Shape(shape)));
    if (a == null) {
      throw new IllegalArgumentException(
          "Checkpoint "
              + origin
              + " has no parameter '"
              + name
              + "' (expected shape "
              + new Shape(shape)
              + "); it has "
              + source.size()
              + " tensors, e.g. "
              + new TreeSet<>(source.keySet()).stream().limit(5).toList()
              + ". Is config.json the one these weights were saved with?");
    }
    if (!a.getShape().equals(new Shape(shape))) {
      throw new IllegalArgumentException(
          "Parameter '"
              + name
              + "' in "
              + origin
              + " has shape "
              + a.getShape()
              + " but config.json"
              + " implies "
              + new Shape(shape)
              + "; the weights and config.json do not match");
    }
    taken.put(name, a);
    return a;
  }

  /** Whether the checkpoint has {@code name}. */
  public boolean has(String name) {
    return source.containsKey(name);
  }

  /** The tensors taken so far, in order: the model's parameters. */
  public Map<String, NDArray> taken() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(taken));
  }
}
