package dev.coderl4j.apps;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coderl4j.core.benchmark.DataFormatException;
import dev.coderl4j.core.problem.Problem;
import dev.coderl4j.core.problem.TestSuite;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Reads APPS in its original folder layout: one folder per problem ({@code 0000}...) holding {@code
 * question.txt}, {@code input_output.json}, {@code solutions.json}, {@code metadata.json} and, for
 * call-based problems, {@code starter_code.py}; CodeRL's test folders may also hold {@code
 * example_input_output.json}.
 *
 * <p>A folder without {@code input_output.json} has no tests to score with and is skipped (APPS'
 * own harness does the same); {@link Result#skipped()} lists them.
 */
public final class AppsFolderLoader {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private AppsFolderLoader() {}

  /**
   * The problems read and the folders skipped.
   *
   * @param problems problems in id order
   * @param skipped folder names without tests
   */
  public record Result(List<Problem> problems, List<String> skipped) {
    public Result {
      problems = List.copyOf(problems);
      skipped = List.copyOf(skipped);
    }
  }

  /**
   * Reads every problem folder under {@code splitDir}.
   *
   * @param split {@code train} or {@code test}: names the ids, and for test gives the difficulty by
   *     id range when {@code metadata.json} lacks it
   * @param examples example tests by 4-digit id (CodeRL's file); a folder's own {@code
   *     example_input_output.json} takes precedence
   */
  public static Result read(Path splitDir, String split, Map<String, TestSuite> examples) {
    if (!Files.isDirectory(splitDir)) {
      throw new IllegalArgumentException(
          "No APPS folder at '"
              + splitDir
              + "'; give the folder that holds the problem folders (e.g. APPS/test)");
    }
    List<String> ids;
    try (Stream<Path> s = Files.list(splitDir)) {
      ids =
          s.filter(Files::isDirectory)
              .map(p -> p.getFileName().toString())
              .filter(n -> n.matches("\\d+"))
              .sorted()
              .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + splitDir, e);
    }
    if (ids.isEmpty()) {
      throw new IllegalArgumentException(
          "'" + splitDir + "' holds no problem folders (0000, 0001, ...)");
    }
    return read(
        ids,
        split,
        examples,
        rel -> {
          Path f = splitDir.resolve(rel);
          try {
            return Files.isRegularFile(f)
                ? Optional.of(Files.readString(f, StandardCharsets.UTF_8))
                : Optional.empty();
          } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + f, e);
          }
        },
        splitDir.toString());
  }

  /** Reads the five training problems bundled with this module ({@code data/train}). */
  public static Result readBundledTrain() {
    String index =
        bundled("train/problems.txt")
            .orElseThrow(
                () -> new IllegalStateException("bundled data/train/problems.txt is missing"));
    List<String> ids = index.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
    return read(ids, "train", Map.of(), rel -> bundled("train/" + rel), "bundled data/train");
  }

  static Optional<String> bundled(String rel) {
    try (InputStream in = AppsFolderLoader.class.getResourceAsStream("data/" + rel)) {
      return in == null
          ? Optional.empty()
          : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read bundled data/" + rel, e);
    }
  }

  /** Reads problems {@code ids} through {@code files} (a path relative to the split folder). */
  static Result read(
      List<String> ids,
      String split,
      Map<String, TestSuite> examples,
      Function<String, Optional<String>> files,
      String root) {
    List<Problem> problems = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (String folder : ids) {
      int n = Integer.parseInt(folder);
      String where = root + "/" + folder;
      Optional<String> io = files.apply(folder + "/input_output.json");
      if (io.isEmpty()) {
        skipped.add(folder);
        continue;
      }
      TestSuite hidden =
          InputOutput.parse(
              json(io.get(), where + "/input_output.json"), where + "/input_output.json");
      String question =
          files
              .apply(folder + "/question.txt")
              .orElseThrow(() -> new DataFormatException(where + ": question.txt is missing"));
      String starter = files.apply(folder + "/starter_code.py").orElse("");
      List<String> solutions = new ArrayList<>();
      Optional<String> sol = files.apply(folder + "/solutions.json");
      if (sol.isPresent()) {
        JsonNode arr = json(sol.get(), where + "/solutions.json");
        if (!arr.isArray()) {
          throw new DataFormatException(
              where + "/solutions.json: expected a JSON array of strings");
        }
        for (int i = 0; i < arr.size(); i++) {
          if (!arr.get(i).isTextual()) {
            throw new DataFormatException(
                where + "/solutions.json: element " + i + " is not a string");
          }
          solutions.add(arr.get(i).textValue());
        }
      }
      Map<String, String> meta = new LinkedHashMap<>();
      meta.put("split", split);
      Optional<String> difficulty = Optional.empty();
      Optional<String> metadata = files.apply(folder + "/metadata.json");
      if (metadata.isPresent()) {
        JsonNode m = json(metadata.get(), where + "/metadata.json");
        if (m.hasNonNull("difficulty")) {
          difficulty = Optional.of(difficulty(m.get("difficulty"), where + "/metadata.json"));
        }
        if (m.hasNonNull("url")) {
          meta.put("url", m.get("url").asText());
        }
      }
      if (difficulty.isEmpty() && split.equals("test")) {
        difficulty = AppsIds.testSplitDifficulty(n);
      }
      TestSuite example;
      Optional<String> ownExamples = files.apply(folder + "/example_input_output.json");
      if (ownExamples.isPresent()) {
        JsonNode e = json(ownExamples.get(), where + "/example_input_output.json");
        example =
            e.isNull() ? empty(hidden) : InputOutput.parse(e, where + "/example_input_output.json");
      } else {
        example = examples.getOrDefault(AppsIds.pad(n), empty(hidden));
      }
      example = AppsExampleTests.compatible(example, hidden);
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
              meta));
    }
    return new Result(problems, skipped);
  }

  /** An empty suite of the same shape as {@code like}. */
  static TestSuite empty(TestSuite like) {
    return like.limit(0);
  }

  static String difficulty(JsonNode v, String where) {
    String d = v.asText();
    if (!AppsIds.DIFFICULTIES.contains(d)) {
      throw new DataFormatException(
          where + ": difficulty must be one of " + AppsIds.DIFFICULTIES + ", got " + d);
    }
    return d;
  }

  static JsonNode json(String text, String where) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new DataFormatException(where + ": not valid JSON (" + e.getOriginalMessage() + ")", e);
    }
  }
}
