package dev.coderl4j.list;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coderl4j.core.benchmark.DataFormatException;
import dev.coderl4j.core.benchmark.JsonRecord;
import dev.coderl4j.core.problem.Problem;
import dev.coderl4j.core.problem.TestSuite;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * The split files of a generated list-programs folder: {@code <split>.jsonl} (or, in the copy
 * bundled with this module, {@code <split>.jsonl.gz}), one problem per line.
 *
 * <p>A line is {@code {"task_id", "split", "difficulty", "steps", "fn_name", "statement",
 * "canonical_solution", "example_tests", "hidden_tests", "frame", "phrasings"}}: the test lists are
 * assert statements, as {@code coderl exec} takes them.
 */
final class ProblemFiles {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ProblemFiles() {}

  /** The JSON line of {@code p} (no newline); keys in a fixed order, so the bytes are stable. */
  static String line(Generation.Problem p) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("task_id", p.id());
    o.put("split", p.split());
    o.put("difficulty", p.program().difficulty());
    ArrayNode steps = o.putArray("steps");
    p.program().labels().forEach(steps::add);
    o.put("fn_name", Program.FN_NAME);
    o.put("statement", p.statement());
    o.put("canonical_solution", p.program().python());
    ArrayNode ex = o.putArray("example_tests");
    p.exampleTests().forEach(ex::add);
    ArrayNode hidden = o.putArray("hidden_tests");
    p.hiddenTests().forEach(hidden::add);
    o.put("frame", p.frame());
    ArrayNode ph = o.putArray("phrasings");
    p.phrasings().forEach(ph::add);
    return o.toString();
  }

  /**
   * Reads the problems of {@code split} from a folder, or from the bundled copy when {@code dir} is
   * empty.
   */
  static List<Problem> read(Optional<Path> dir, String split) {
    String source;
    InputStream in;
    try {
      if (dir.isPresent()) {
        Path plain = dir.get().resolve(split + ".jsonl");
        Path gz = dir.get().resolve(split + ".jsonl.gz");
        Path file = Files.isRegularFile(plain) ? plain : gz;
        if (!Files.isRegularFile(file)) {
          throw new IllegalArgumentException(
              "No "
                  + plain.getFileName()
                  + " (or .jsonl.gz) in '"
                  + dir.get()
                  + "'; give a folder written by 'coderl benchmark generate list-programs',"
                  + " or leave path empty for the bundled copy");
        }
        source = file.toString();
        in = Files.newInputStream(file);
      } else {
        source = "bundled " + split + ".jsonl.gz";
        in = ProblemFiles.class.getResourceAsStream("data/" + split + ".jsonl.gz");
        if (in == null) {
          throw new IllegalStateException(
              "bundled data/" + split + ".jsonl.gz is missing from the jar");
        }
      }
      return parse(maybeGunzip(in), source, split);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read list-programs split " + split, e);
    }
  }

  /** The stream, decompressed when it starts with gzip's magic bytes. */
  static InputStream maybeGunzip(InputStream raw) throws IOException {
    BufferedInputStream in = new BufferedInputStream(raw);
    in.mark(2);
    int b0 = in.read();
    int b1 = in.read();
    in.reset();
    return b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(in) : in;
  }

  static List<Problem> parse(InputStream in, String source, String split) {
    List<Problem> out = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    JsonRecord.forEachLine(
        in,
        source,
        rec -> {
          String id = rec.text("task_id");
          if (!ids.add(id)) {
            throw rec.error("task_id", "repeats " + id);
          }
          if (!rec.text("split").equals(split)) {
            throw rec.error(
                "split", "is '" + rec.text("split") + "' in the file of split " + split);
          }
          if (!id.matches(
              java.util.regex.Pattern.quote(ListPrograms.NAME + "/" + split + "/") + "\\d+")) {
            throw rec.error(
                "task_id", "must look like " + ListPrograms.problemId(split, 0) + ", got " + id);
          }
          Program program;
          try {
            program = Program.of(rec.strings("steps"));
          } catch (IllegalArgumentException e) {
            throw rec.error("steps", e.getMessage());
          }
          String difficulty = rec.text("difficulty");
          if (!difficulty.equals(program.difficulty())) {
            throw rec.error(
                "difficulty",
                "is "
                    + difficulty
                    + " but a program of "
                    + program.steps().size()
                    + " steps is "
                    + program.difficulty());
          }
          List<String> examples = rec.strings("example_tests");
          List<String> hidden = rec.strings("hidden_tests");
          if (hidden.isEmpty()) {
            throw rec.error("hidden_tests", "is empty: every problem has hidden tests");
          }
          String fn = rec.text("fn_name");
          Map<String, String> meta = new LinkedHashMap<>();
          meta.put(ListPrograms.SPLIT, split);
          meta.put(ListPrograms.STEPS, program.toString());
          meta.put(ListPrograms.ENTRY_POINT, fn);
          out.add(
              new Problem(
                  id,
                  ListPrograms.NAME,
                  rec.text("statement"),
                  "",
                  Optional.of(difficulty),
                  new TestSuite.Asserts("", examples),
                  new TestSuite.Asserts("", hidden),
                  List.of(rec.text("canonical_solution")),
                  meta));
        });
    if (out.isEmpty()) {
      throw new DataFormatException(source + ": no list-programs problems found");
    }
    return out;
  }

  /** The {@code "benchmark"} a folder's manifest names, if it has one. */
  static Optional<String> manifestBenchmark(Path manifest) throws IOException {
    JsonNode n;
    try {
      n = MAPPER.readTree(manifest.toFile());
    } catch (IOException e) {
      throw new IllegalArgumentException(
          manifest
              + " is not a JSON manifest ("
              + e.getMessage()
              + "); choose an empty or new output folder",
          e);
    }
    return n != null && n.path("benchmark").isTextual()
        ? Optional.of(n.get("benchmark").asText())
        : Optional.empty();
  }
}
