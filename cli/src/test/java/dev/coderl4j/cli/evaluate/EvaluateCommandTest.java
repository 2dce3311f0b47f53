package dev.coderl4j.cli.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coderl4j.core.run.ScriptedRunner;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The evaluate command's bookkeeping, with a scripted runner (program semantics: see the ITs). */
class EvaluateCommandTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  static int run(ScriptedRunner runner, String... args) {
    CommandLine cl = new CommandLine(new EvaluateCommand(r -> runner));
    cl.setOut(new PrintWriter(new StringWriter()));
    cl.setErr(new PrintWriter(new StringWriter()));
    return cl.execute(args);
  }

  static Path samples(Path dir, List<String> lines) throws Exception {
    Path f = dir.resolve("samples.jsonl");
    Files.write(f, lines, StandardCharsets.UTF_8);
    return f;
  }

  static String line(Object taskId, String key, String text) throws Exception {
    return MAPPER.writeValueAsString(java.util.Map.of("task_id", taskId, key, text));
  }

  /** Task 11: 5 samples, 2 correct; task 12: 5 samples, none correct. */
  static List<String> mbppSamples() throws Exception {
    List<String> l = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      l.add(line(11, "completion", i < 2 ? "# HIDDEN_OK " + i : "# wrong " + i));
      l.add(line("Mbpp/12", "solution", i == 4 ? "BOOM" : "# wrong " + i));
    }
    return l;
  }

  @Test
  void handComputedPassAtKAndTheEvalPlusRule(@TempDir Path dir) throws Exception {
    Path s = samples(dir, mbppSamples());
    Path out = dir.resolve("out");
    assertEquals(
        0,
        run(
            new ScriptedRunner(),
            "--benchmark",
            "mbpp",
            "--samples",
            s.toString(),
            "--k",
            "1,2,5,10",
            "--out",
            out.toString()));
    JsonNode sum = MAPPER.readTree(out.resolve("summary.json").toFile());
    // pass@1 = (2/5 + 0)/2; pass@2 = (1 - C(3,2)/C(5,2) + 0)/2 = 0.7/2; pass@5 = (1 + 0)/2.
    assertEquals(0.2, sum.get("pass_at_k").get("1").asDouble(), 1e-12);
    assertEquals(0.35, sum.get("pass_at_k").get("2").asDouble(), 1e-12);
    assertEquals(0.5, sum.get("pass_at_k").get("5").asDouble(), 1e-12);
    assertTrue(!sum.get("pass_at_k").has("10"), "k=10 > 5 samples is not estimated");
    assertTrue(sum.get("pass_at_k_not_estimated").get("10").asText().contains("exceeds"));
    assertEquals(2, sum.get("tasks").asInt());
    assertEquals(500, sum.get("tasks_in_benchmark").asInt());
    assertEquals(7, sum.get("outcomes").get("FAILED_TEST").asInt());
    assertEquals(1, sum.get("outcomes").get("RUNTIME_ERROR").asInt());
    assertEquals(2, sum.get("outcomes").get("PASSED").asInt());
    // MBPP shows its asserts, so filtering keeps exactly the correct samples: 1@5 = pass@5 here.
    assertEquals(0.5, sum.get("n_at_k").get("1@5").asDouble(), 1e-12);
    assertTrue(sum.get("provenance").get("versions").has("java"));
    assertEquals(10, Files.readAllLines(out.resolve("results.jsonl")).size() - 1);
    assertTrue(Files.readString(out.resolve("summary.md")).contains("| all | 2 | 10 | 20.00 ["));
    assertEquals(800, ImageIO.read(out.resolve("pass_at_k.png").toFile()).getWidth());
  }

  @Test
  void aKilledRunResumesToTheSameSummaryWithoutRedoingWork(@TempDir Path dir) throws Exception {
    Path s = samples(dir, mbppSamples());
    Path whole = dir.resolve("whole");
    assertEquals(
        0,
        run(
            new ScriptedRunner(),
            "--benchmark",
            "mbpp",
            "--samples",
            s.toString(),
            "--out",
            whole.toString(),
            "--k",
            "1,5"));
    Path cut = dir.resolve("cut");
    ScriptedRunner dying = new ScriptedRunner(4);
    assertNotEquals(
        0,
        run(
            dying,
            "--benchmark",
            "mbpp",
            "--samples",
            s.toString(),
            "--out",
            cut.toString(),
            "--k",
            "1,5"));
    assertEquals(
        5,
        Files.readAllLines(cut.resolve("results.jsonl")).size(),
        "header + 4 finished runs kept");
    // A kill can also cut a record in half: the resumed run drops it and redoes that sample.
    Files.writeString(
        cut.resolve("results.jsonl"), "{\"line\": 9, \"suite\": \"hid", StandardOpenOption.APPEND);
    ScriptedRunner rest = new ScriptedRunner();
    assertEquals(
        0,
        run(
            rest,
            "--benchmark",
            "mbpp",
            "--samples",
            s.toString(),
            "--out",
            cut.toString(),
            "--k",
            "1,5"));
    assertEquals(6, rest.ran.size(), "only the 6 unfinished samples ran again");
    JsonNode a = MAPPER.readTree(whole.resolve("summary.json").toFile());
    JsonNode b = MAPPER.readTree(cut.resolve("summary.json").toFile());
    for (String field :
        List.of("pass_at_k", "pass_at_k_ci95", "n_at_k", "outcomes", "tasks", "samples")) {
      assertEquals(a.get(field), b.get(field), field);
    }
    assertEquals(11, Files.readAllLines(cut.resolve("results.jsonl")).size());
  }

  @Test
  void refusesToMixRunsOrChangedSamples(@TempDir Path dir) throws Exception {
    Path s = samples(dir, mbppSamples());
    Path out = dir.resolve("out");
    assertEquals(
        0,
        run(
            new ScriptedRunner(),
            "--benchmark",
            "mbpp",
            "--samples",
            s.toString(),
            "--out",
            out.toString()));
    assertNotEquals(
        0,
        run(
            new ScriptedRunner(),
            "--benchmark",
            "mbpp",
            "--benchmark-params",
            "{\"split\": \"all\"}",
            "--samples",
            s.toString(),
            "--out",
            out.toString()));
    List<String> changed = new ArrayList<>(mbppSamples());
    changed.set(0, line(11, "completion", "# something else"));
    Path s2 = samples(dir.resolve(".."), changed);
    assertNotEquals(
        0,
        run(
            new ScriptedRunner(),
            "--benchmark",
            "mbpp",
            "--samples",
            s2.toString(),
            "--out",
            out.toString()));
  }

  @Test
  void unknownTaskIdsFailWithTheLine(@TempDir Path dir) throws Exception {
    Path s = samples(dir, List.of(line(11, "solution", "x"), line("Mbpp/600", "solution", "y")));
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(new EvaluateCommand(r -> new ScriptedRunner()));
    cl.setErr(new PrintWriter(err));
    cl.setOut(new PrintWriter(new StringWriter()));
    assertNotEquals(
        0,
        cl.execute(
            "--benchmark",
            "mbpp",
            "--samples",
            s.toString(),
            "--out",
            dir.resolve("o").toString()));
    assertTrue(err.toString().contains("samples.jsonl:2: field 'task_id'"), err.toString());
    assertTrue(err.toString().contains("mbpp/600"), err.toString());
  }

  /** APPS test problems have example tests of their own: n@k filters with them. */
  @Test
  void nAtKFiltersWithExampleTests(@TempDir Path dir) throws Exception {
    List<String> l = new ArrayList<>();
    // Problem 203: 4 samples: passes both; passes examples only; passes hidden only; passes
    // neither.
    l.add(line(203, "solution", "HIDDEN_OK EXAMPLE_OK"));
    l.add(line(203, "solution", "EXAMPLE_OK"));
    l.add(line(203, "solution", "HIDDEN_OK"));
    l.add(line(203, "solution", "nothing"));
    Path s = samples(dir, l);
    Path out = dir.resolve("out");
    assertEquals(
        0,
        run(
            new ScriptedRunner(),
            "--benchmark",
            "apps",
            "--samples",
            s.toString(),
            "--k",
            "1,2,4",
            "--n",
            "1",
            "--out",
            out.toString()));
    JsonNode sum = MAPPER.readTree(out.resolve("summary.json").toFile());
    // N=4, F=2 (samples 0, 1), C=1 (sample 0). 1@4: both filtered drawn, submit one: 1/2.
    assertEquals(0.5, sum.get("n_at_k").get("1@4").asDouble(), 1e-12);
    // 1@1: draw one sample; only sample 0 is submitted and correct: 1/4.
    assertEquals(0.25, sum.get("n_at_k").get("1@1").asDouble(), 1e-12);
    assertEquals(0.5, sum.get("pass_at_k").get("1").asDouble(), 1e-12);
    assertEquals(
        0.5, sum.get("by_difficulty").get("interview").get("pass_at_k").get("1").asDouble(), 1e-12);
    assertEquals(
        9,
        Files.readAllLines(out.resolve("results.jsonl")).size(),
        "header + 4 hidden + 4 example runs");
  }

  @Test
  void badOptionsAreRefused(@TempDir Path dir) throws Exception {
    Path s = samples(dir, mbppSamples());
    assertNotEquals(
        0,
        run(
            new ScriptedRunner(),
            "--benchmark",
            "nope",
            "--samples",
            s.toString(),
            "--out",
            dir.resolve("o").toString()));
    assertNotEquals(
        0,
        run(
            new ScriptedRunner(),
            "--benchmark",
            "mbpp",
            "--samples",
            s.toString(),
            "--k",
            "0",
            "--out",
            dir.resolve("o2").toString()));
    assertInstanceOf(
        IllegalArgumentException.class,
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new dev.coderl4j.core.metrics.Metrics(
                    List.of(0), List.of(), dev.coderl4j.core.metrics.Bootstrap.defaults())));
  }
}
