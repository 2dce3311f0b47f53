package dev.coderl4j.core.training;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import dev.coderl4j.core.provenance.Provenance;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A stage's output directory: {@code state.json} (how far it got, for resuming), {@code
 * metrics.jsonl} (one line per step), {@code provenance.json}, checkpoints and plots.
 *
 * <p>Files are replaced atomically (write, then move) so that a run killed at any point leaves a
 * directory it can resume from.
 */
public final class StageDir {
  private final Path dir;
  private final ObjectMapper json = mapper();

  /** A JSON mapper for the stages' files (records, {@code Optional}). */
  public static ObjectMapper mapper() {
    return new ObjectMapper()
        .registerModule(new Jdk8Module())
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
  }

  public StageDir(Path dir) {
    this.dir = dir;
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create stage directory " + dir, e);
    }
  }

  public Path path() {
    return dir;
  }

  public Path resolve(String name) {
    return dir.resolve(name);
  }

  /**
   * How far a stage got.
   *
   * @param step optimiser steps (or problems, for sampling) done
   * @param done whether the stage finished
   * @param checkpoint the checkpoint holding that progress, relative to the stage directory; empty
   *     for none
   */
  public record State(long step, boolean done, String checkpoint) {}

  /** The saved state, if any. */
  public Optional<State> state() {
    Path f = dir.resolve("state.json");
    if (!Files.exists(f)) {
      return Optional.empty();
    }
    try {
      return Optional.of(json.readValue(f.toFile(), State.class));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + f + "; delete it to restart the stage", e);
    }
  }

  public void saveState(State state) {
    writeJson("state.json", state);
  }

  /** Writes {@code value} as pretty JSON to {@code name}, atomically. */
  public void writeJson(String name, Object value) {
    try {
      writeString(name, json.writerWithDefaultPrettyPrinter().writeValueAsString(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + name, e);
    }
  }

  /** Writes {@code text} to {@code name}, atomically. */
  public void writeString(String name, String text) {
    Path target = dir.resolve(name);
    Path tmp = dir.resolve(name + ".tmp");
    try {
      Files.createDirectories(target.getParent());
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    }
  }

  /** Writes the provenance of this stage. */
  public void writeProvenance(String command, Map<String, Object> config, long seed) {
    writeJson("provenance.json", provenanceMap(Provenance.capture(command, config, seed)));
  }

  /** A provenance as plain JSON values (the timestamp as ISO-8601 text). */
  public static Map<String, Object> provenanceMap(Provenance p) {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("command", p.command());
    m.put("config", p.config());
    m.put("seed", p.seed());
    m.put("gitCommit", p.gitCommit());
    m.put("versions", p.versions());
    m.put("createdAt", p.createdAt().toString());
    return m;
  }

  /** Appends one JSON line to {@code name} (e.g. {@code metrics.jsonl}) and flushes it. */
  public void appendJsonLine(String name, Object value) {
    try (BufferedWriter w =
        Files.newBufferedWriter(
            dir.resolve(name),
            StandardCharsets.UTF_8,
            StandardOpenOption.CREATE,
            StandardOpenOption.APPEND)) {
      w.write(json.writeValueAsString(value));
      w.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to " + dir.resolve(name), e);
    }
  }

  /**
   * Reads a JSON-lines file as {@code type}; a missing file is empty; a torn last line is dropped.
   */
  public static <T> List<T> readJsonLines(Path file, Class<T> type) {
    ObjectMapper json = mapper();
    List<T> out = new ArrayList<>();
    if (!Files.exists(file)) {
      return out;
    }
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        if (line.isBlank()) {
          continue;
        }
        try {
          out.add(json.readValue(line, type));
        } catch (JsonProcessingException e) {
          if (i == lines.size() - 1) {
            break; // a line cut off by a killed run; the stage redoes that item
          }
          throw new IllegalArgumentException(
              file + ":" + (i + 1) + ": " + e.getOriginalMessage(), e);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return out;
  }

  /** Drops lines of a metrics file beyond {@code step} so a resumed stage does not repeat them. */
  public void truncateMetrics(String name, long step) {
    Path f = dir.resolve(name);
    if (!Files.exists(f)) {
      return;
    }
    try {
      List<String> keep = new ArrayList<>();
      for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
        if (line.isBlank()) {
          continue;
        }
        try {
          if (json.readTree(line).path("step").asLong(Long.MAX_VALUE) <= step) {
            keep.add(line);
          }
        } catch (JsonProcessingException e) {
          // a torn line from a killed run
        }
      }
      writeString(name, keep.isEmpty() ? "" : String.join("\n", keep) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + f, e);
    }
  }
}
