package dev.coderl4j.core.training;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The one resumable results file of the run layer: JSON Lines of records of one type, appended and
 * flushed as each is finished, so that a killed run loses no finished work. Evaluation results, the
 * sample stage's {@code samples.jsonl} and generated samples files are all kept in one.
 *
 * <p>Reopening a log resumes it: its records are read back, and a last line cut short by a kill is
 * dropped (and removed from the file), so that the work it recorded is simply redone; a damaged
 * line elsewhere fails. A log may start with a header line ({@code {"header": {"identity": ...,
 * ...}}}); a log whose identity differs from the one asked for is refused rather than mixed in.
 * Logs without a header (samples files, which other tools read) have one record per line.
 *
 * @param <R> the record type, read and written with {@link StageDir#mapper()}
 */
public final class ResultsLog<R> implements AutoCloseable {
  private static final ObjectMapper MAPPER = StageDir.mapper();

  private final Path file;
  private final Class<R> type;
  private final String headerLine;
  private final List<R> records = new ArrayList<>();
  private BufferedWriter out;

  private ResultsLog(Path file, Class<R> type, String headerLine) {
    this.file = file;
    this.type = type;
    this.headerLine = headerLine;
  }

  /** Opens (or resumes) a log without a header. */
  public static <R> ResultsLog<R> open(Path file, Class<R> type) {
    ResultsLog<R> log = new ResultsLog<>(file, type, null);
    log.start(null);
    return log;
  }

  /**
   * Opens (or resumes) a log with a header.
   *
   * @param identity what must match to resume (e.g. benchmark, its params, the prompt format)
   * @param header the rest of the header of a new file (e.g. provenance)
   */
  public static <R> ResultsLog<R> open(
      Path file, Class<R> type, Map<String, Object> identity, Map<String, Object> header) {
    Map<String, Object> h = new LinkedHashMap<>();
    h.put("identity", identity);
    h.putAll(header);
    String line;
    try {
      line = MAPPER.writeValueAsString(Map.of("header", h));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write the header of " + file, e);
    }
    ResultsLog<R> log = new ResultsLog<>(file, type, line);
    log.start(MAPPER.valueToTree(identity));
    return log;
  }

  private void start(JsonNode identity) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      if (Files.exists(file) && Files.size(file) > 0) {
        resume(identity);
      } else {
        rewrite();
      }
      out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open " + file, e);
    }
  }

  private void resume(JsonNode identity) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    byte[] bytes = Files.readAllBytes(file);
    boolean endsClean = bytes[bytes.length - 1] == '\n';
    int first = 0;
    if (headerLine != null) {
      JsonNode header = parse(lines.getFirst());
      if (header == null || !header.has("header")) {
        throw new IllegalArgumentException(
            file
                + " is not a results file of this kind (no header"
                + " line); choose another output folder");
      }
      JsonNode found = header.get("header").get("identity");
      if (!identity.equals(found)) {
        throw new IllegalArgumentException(
            file
                + " was written for "
                + found
                + ", not "
                + identity
                + "; use another output folder for this configuration");
      }
      first = 1;
    }
    boolean torn = false;
    for (int i = first; i < lines.size(); i++) {
      String l = lines.get(i);
      if (l.isBlank()) {
        continue;
      }
      boolean last = i == lines.size() - 1;
      R r = (last && !endsClean) ? null : read(l);
      if (r == null) {
        if (last) {
          torn = true; // a line cut short by a kill: redo that work
          break;
        }
        throw new IllegalArgumentException(
            file
                + ":"
                + (i + 1)
                + " is not a "
                + type.getSimpleName()
                + " record; the file is damaged (delete it to start again)");
      }
      records.add(r);
    }
    if (torn) {
      rewrite();
    }
  }

  private R read(String line) {
    try {
      return MAPPER.readValue(line, type);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      return null;
    }
  }

  private static JsonNode parse(String line) {
    try {
      return MAPPER.readTree(line);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  /** Writes the header and the records afresh, atomically. */
  private void rewrite() throws IOException {
    StringBuilder sb = new StringBuilder();
    if (headerLine != null) {
      sb.append(headerLine).append('\n');
    }
    for (R r : records) {
      sb.append(MAPPER.writeValueAsString(r)).append('\n');
    }
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, sb.toString(), StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** The file. */
  public Path file() {
    return file;
  }

  /** Every record, read when resuming or appended since, in file order. */
  public synchronized List<R> records() {
    return List.copyOf(records);
  }

  /**
   * Keeps only the records {@code keep} accepts and rewrites the file so (e.g. drops the records of
   * a problem whose group a killed run left incomplete, before it is done again).
   */
  public synchronized void retain(Predicate<R> keep) {
    if (records.stream().allMatch(keep)) {
      return;
    }
    records.removeIf(keep.negate());
    try {
      out.close();
      rewrite();
      out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot rewrite " + file, e);
    }
  }

  /** Appends one record and flushes it; safe to call from the runner's threads. */
  public synchronized void append(R r) {
    appendAll(List.of(r));
  }

  /** Appends records with one flush (a group that must be complete to count, written at once). */
  public synchronized void appendAll(List<R> rs) {
    try {
      StringBuilder sb = new StringBuilder();
      for (R r : rs) {
        sb.append(MAPPER.writeValueAsString(r)).append('\n');
      }
      out.write(sb.toString());
      out.flush();
      records.addAll(rs);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close " + file, e);
    }
  }
}
