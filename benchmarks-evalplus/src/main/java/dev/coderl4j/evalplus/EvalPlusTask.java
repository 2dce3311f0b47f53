package dev.coderl4j.evalplus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.coderl4j.core.benchmark.DataFormatException;
import dev.coderl4j.core.benchmark.JsonRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One task of a HumanEval+ or MBPP+ file (the fields the scoring needs).
 *
 * @param taskId {@code HumanEval/<n>} or {@code Mbpp/<n>}
 * @param prompt HumanEval: signature and docstring; MBPP+: a docstring only
 * @param entryPoint the function under test
 * @param canonicalSolution EvalPlus' ground truth; {@code prompt + canonicalSolution} is the
 *     program
 * @param atol the float tolerance; 0 means exact (1e-6 for floats)
 */
record EvalPlusTask(
    String taskId, String prompt, String entryPoint, String canonicalSolution, double atol) {
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  EvalPlusTask {
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(prompt, "prompt");
    Objects.requireNonNull(entryPoint, "entryPoint");
    Objects.requireNonNull(canonicalSolution, "canonicalSolution");
  }

  // MBPP+ inputs hold -Infinity and NaN, which strict JSON refuses.
  private static final ObjectMapper LENIENT =
      JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

  private static JsonRecord parse(String source, int lineNo, String line) {
    try {
      return new JsonRecord(LENIENT.readTree(line), source, lineNo);
    } catch (JsonProcessingException e) {
      throw new DataFormatException(
          source + ":" + lineNo + ": not valid JSON (" + e.getOriginalMessage() + ")");
    }
  }

  /** Every task of a (gzipped) JSON Lines file whose ids start with {@code idPrefix}. */
  static List<EvalPlusTask> read(Path file, String idPrefix) {
    List<EvalPlusTask> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    String source = file.toString();
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(DataFile.open(file), StandardCharsets.UTF_8))) {
      String line;
      int lineNo = 0;
      while ((line = r.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        JsonRecord rec = parse(source, lineNo, line);
        String id = rec.text("task_id");
        if (!id.startsWith(idPrefix)) {
          throw rec.error("task_id", "must look like " + idPrefix + "<n>, got " + id);
        }
        if (!seen.add(id)) {
          throw rec.error("task_id", "repeats " + id);
        }
        String entry = rec.text("entry_point");
        if (!IDENTIFIER.matcher(entry).matches()) {
          throw rec.error("entry_point", "must be a Python identifier, got " + entry);
        }
        if (!rec.has("base_input") || !rec.has("plus_input")) {
          throw rec.error("base_input", "and plus_input are missing: is this an EvalPlus file?");
        }
        double atol = rec.has("atol") ? rec.field("atol").asDouble() : 0;
        out.add(
            new EvalPlusTask(id, rec.text("prompt"), entry, rec.text("canonical_solution"), atol));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + source, e);
    }
    if (out.isEmpty()) {
      throw new DataFormatException(source + ": no " + idPrefix + " tasks found");
    }
    return out;
  }
}
