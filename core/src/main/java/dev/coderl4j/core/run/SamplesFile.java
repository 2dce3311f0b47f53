package dev.coderl4j.core.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coderl4j.core.benchmark.Benchmark;
import dev.coderl4j.core.benchmark.DataFormatException;
import dev.coderl4j.core.benchmark.JsonRecord;
import dev.coderl4j.core.benchmark.PromptFormat;
import dev.coderl4j.core.problem.Problem;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Reads a samples file in the human-eval/EvalPlus layout: one JSON object per line with {@code
 * task_id} (a string, or an integer for MBPP) and either {@code solution} (a complete program, used
 * as it is) or {@code completion} (text generated after the prompt, turned into a program by the
 * prompt format). When both are present {@code solution} wins, as in EvalPlus.
 */
public final class SamplesFile {
  private SamplesFile() {}

  /** Every sample of {@code file}; fails on the first bad line, naming it. */
  public static List<Sample> read(Path file, Benchmark benchmark, PromptFormat format) {
    Map<String, Problem> problems = new HashMap<>();
    for (Problem p : benchmark.problems()) {
      problems.put(p.id(), p);
    }
    Map<String, Integer> counts = new HashMap<>();
    List<Sample> out = new ArrayList<>();
    String source = file.toString();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int lineNo = 0;
      while ((line = r.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        JsonRecord rec = JsonRecord.parseLine(source, lineNo, line);
        JsonNode id = rec.field("task_id");
        if (!id.isTextual() && !id.isIntegralNumber()) {
          throw rec.error(
              "task_id", "must be a string or an integer, got " + JsonRecord.describe(id));
        }
        String taskId = id.asText();
        String problemId;
        try {
          problemId = benchmark.problemId(taskId);
        } catch (IllegalArgumentException e) {
          throw rec.error("task_id", e.getMessage());
        }
        Problem problem = problems.get(problemId);
        if (problem == null) {
          throw rec.error(
              "task_id",
              "'"
                  + taskId
                  + "' names "
                  + problemId
                  + ", which is not among the "
                  + problems.size()
                  + " problems of the benchmark as configured (check its split or dataset)");
        }
        String program;
        if (rec.has("solution")) {
          program = rec.text("solution");
        } else if (rec.has("completion")) {
          program = format.program(problem, rec.text("completion"));
        } else {
          throw rec.error(
              "solution", "is missing: give \"solution\" (a whole program) or \"completion\"");
        }
        int index = counts.merge(problemId, 1, Integer::sum) - 1;
        out.add(new Sample(lineNo, taskId, problemId, index, program, sha256(program)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read samples file " + file, e);
    }
    if (out.isEmpty()) {
      throw new DataFormatException(source + ": no samples found");
    }
    return out;
  }

  static String sha256(String s) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
