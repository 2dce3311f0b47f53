package dev.coderl4j.apps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coderl4j.core.benchmark.DataFormatException;
import dev.coderl4j.core.benchmark.JsonRecord;
import dev.coderl4j.core.problem.Problem;
import dev.coderl4j.core.problem.TestSuite;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads APPS in the Hugging Face {@code codeparrot/apps} JSON Lines schema: {@code problem_id},
 * {@code question}, {@code starter_code}, {@code difficulty}, {@code input_output} (a JSON
 * <em>string</em>, parsed a second time) and optionally {@code solutions} (also a JSON string).
 * Rows whose {@code input_output} is empty have no tests and are skipped.
 */
public final class AppsHfLoader {
  private AppsHfLoader() {}

  /**
   * Reads every row.
   *
   * @param split {@code test} or {@code train}, which names the ids
   * @param examples example tests by 4-digit id (CodeRL's file, for the test split)
   */
  public static AppsFolderLoader.Result read(
      InputStream raw, String source, String split, Map<String, TestSuite> examples) {
    List<Problem> problems = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    Set<Integer> seen = new HashSet<>();
    JsonRecord.forEachLine(
        raw,
        source,
        rec -> {
          JsonNode idNode = rec.field("problem_id");
          int n;
          if (idNode.isIntegralNumber()) {
            n = idNode.intValue();
          } else if (idNode.isTextual() && idNode.textValue().matches("\\d+")) {
            n = Integer.parseInt(idNode.textValue());
          } else {
            throw rec.error(
                "problem_id", "must be an integer id, got " + JsonRecord.describe(idNode));
          }
          if (!seen.add(n)) {
            throw rec.error("problem_id", "repeats " + n);
          }
          String question = rec.text("question");
          String starter = rec.optionalText("starter_code").orElse("");
          String ioText = rec.text("input_output");
          if (ioText.isBlank()) {
            skipped.add(AppsIds.pad(n));
            return;
          }
          String where = source + ":" + rec.line() + ": field 'input_output'";
          TestSuite hidden = InputOutput.parse(AppsFolderLoader.json(ioText, where), where);
          List<String> solutions = new ArrayList<>();
          if (rec.has("solutions") && !rec.text("solutions").isBlank()) {
            JsonNode arr =
                AppsFolderLoader.json(
                    rec.text("solutions"), source + ":" + rec.line() + ": field 'solutions'");
            if (!arr.isArray()) {
              throw rec.error("solutions", "must be a JSON-encoded array of strings");
            }
            arr.forEach(s -> solutions.add(s.asText()));
          }
          Optional<String> difficulty =
              rec.has("difficulty")
                  ? Optional.of(
                      AppsFolderLoader.difficulty(
                          rec.field("difficulty"), source + ":" + rec.line()))
                  : split.equals("test") ? AppsIds.testSplitDifficulty(n) : Optional.empty();
          TestSuite example =
              AppsExampleTests.compatible(
                  examples.getOrDefault(AppsIds.pad(n), hidden.limit(0)), hidden);
          problems.add(
              new Problem(
                  AppsIds.problemId(split, n),
                  "apps",
                  question,
                  starter,
                  difficulty,
                  example,
                  hidden,
                  solutions,
                  Map.of("split", split)));
        });
    if (problems.isEmpty() && skipped.isEmpty()) {
      throw new DataFormatException(source + ": no APPS problems found");
    }
    return new AppsFolderLoader.Result(problems, skipped);
  }
}
