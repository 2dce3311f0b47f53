package dev.coderl4j.core.config;

import dev.coderl4j.core.plugin.PluginSpec;
import java.util.Objects;

/**
 * Which problems a stage reads: a benchmark (whose params choose the split), a slice, and how
 * prompts are written.
 *
 * @param benchmark the benchmark plugin, e.g. {@code {type: mbpp, params: {split: train}}}
 * @param promptFormat the prompt format plugin; {@code null} means the benchmark's default
 * @param offset problems to skip from the start of the split (a fixed, reproducible subset)
 * @param limit problems to read after the offset; 0 means all
 */
public record DataConfig(
    PluginSpec benchmark, PluginSpec promptFormat, Integer offset, Integer limit) {
  public DataConfig {
    Objects.requireNonNull(
        benchmark, "benchmark: name the benchmark, e.g. benchmark: {type: mbpp}");
    offset = offset == null ? 0 : offset;
    limit = limit == null ? 0 : limit;
    if (offset < 0 || limit < 0) {
      throw new IllegalArgumentException(
          "offset and limit must be ≥ 0 (limit 0 = all), got " + offset + ", " + limit);
    }
  }
}
