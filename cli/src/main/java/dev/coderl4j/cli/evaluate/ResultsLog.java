package dev.coderl4j.cli.evaluate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code results.jsonl}: a header line, then one {@link SampleResult} per line, appended and
 * flushed as each run finishes so that no finished work is lost.
 *
 * <p>Reopening a log resumes it: its records count as done, and a last line cut short by a kill is
 * dropped (and truncated away) so the run it recorded is simply redone. A log written for another
 * benchmark configuration is refused rather than mixed in.
 */
public final class ResultsLog implements AutoCloseable {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Identifies a run of one sample against one suite. */
  public record Key(int line, String suite) {}

  private final Path file;
  private final Map<Key, SampleResult> done = new LinkedHashMap<>();
  private final BufferedWriter out;

  /**
   * Opens {@code file}, resuming it if it exists.
   *
   * @param identity what must match to resume (benchmark, its params, the format); written into
   *     the header
   * @param header the rest of the header of a new file (provenance)
   */
  public ResultsLog(Path file, Map<String, Object> identity, Map<String, Object> header) {
    this.file = file;
    try {
      if (Files.exists(file) && Files.size(file) > 0) {
        resume(identity);
      } else {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("identity", identity);
        h.putAll(header);
        Files.writeString(file, MAPPER.writeValueAsString(Map.of("header", h)) + "\n", StandardCharsets.UTF_8);
      }
      this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open " + file, e);
    }
  }

  private void resume(Map<String, Object> identity) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    byte[] bytes = Files.readAllBytes(file);
    boolean endsClean = bytes.length > 0 && bytes[bytes.length - 1] == '\n';
    JsonNode header = parse(lines.getFirst());
    if (header == null || !header.has("header")) {
      throw new IllegalArgumentException(file + " is not a coderl evaluate results file (no header line); "
          + "choose another --out");
    }
    JsonNode want = MAPPER.valueToTree(identity);
    if (!header.get("header").get("identity").equals(want)) {
      throw new IllegalArgumentException(file + " was written for " + header.get("header").get("identity")
          + ", not " + want + "; use another --out to score this configuration");
    }
    long keep = lines.getFirst().getBytes(StandardCharsets.UTF_8).length + 1L;
    for (int i = 1; i < lines.size(); i++) {
      String l = lines.get(i);
      boolean last = i == lines.size() - 1;
      JsonNode n = (last && !endsClean) ? null : parse(l);
      SampleResult r = n == null ? null : toResult(n);
      if (r == null) {
        if (last) {
          break; // a line cut short by a kill: redo that run
        }
        throw new IllegalArgumentException(file + ":" + (i + 1) + " is not a result record; the file is damaged");
      }
      done.put(new Key(r.line(), r.suite()), r);
      keep += l.getBytes(StandardCharsets.UTF_8).length + 1L;
    }
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      if (ch.size() > keep) {
        ch.truncate(keep);
      }
    }
  }

  private static JsonNode parse(String line) {
    try {
      return MAPPER.readTree(line);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private static SampleResult toResult(JsonNode n) {
    try {
      return MAPPER.treeToValue(n, SampleResult.class);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      return null;
    }
  }

  /** The records read when resuming, by sample line and suite. */
  public Map<Key, SampleResult> done() {
    return java.util.Collections.unmodifiableMap(done);
  }

  /** Appends one record and flushes it; safe to call from the runner's threads. */
  public synchronized void append(SampleResult r) {
    try {
      out.write(MAPPER.writeValueAsString(r));
      out.write('\n');
      out.flush();
      done.put(new Key(r.line(), r.suite()), r);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
  }

  /** Every record, finished before or during this run. */
  public synchronized Map<Key, SampleResult> all() {
    return new LinkedHashMap<>(done);
  }

  @Override
  public synchronized void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot close " + file, e);
    }
  }
}
