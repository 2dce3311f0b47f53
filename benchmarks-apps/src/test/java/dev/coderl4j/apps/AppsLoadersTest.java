package dev.coderl4j.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coderl4j.core.benchmark.DataFormatException;
import dev.coderl4j.core.problem.Problem;
import dev.coderl4j.core.problem.TestSuite;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppsLoadersTest {

  static InputStream resource(String rel) {
    return AppsBenchmark.class.getResourceAsStream("data/" + rel);
  }

  private static ByteArrayInputStream bytes(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsTheFiveBundledTrainingProblemsInFolderLayout() {
    AppsFolderLoader.Result r = AppsFolderLoader.readBundledTrain();
    assertEquals(List.of(), r.skipped());
    Map<String, Problem> byId =
        r.problems().stream().collect(Collectors.toMap(Problem::id, p -> p));
    assertEquals(5, byId.size());
    record Expect(String kind, int tests, int solutions, String difficulty) {}
    Map<String, Expect> expected =
        Map.of(
            "apps/train/0001", new Expect("Stdin", 1, 24, "interview"),
            "apps/train/0111", new Expect("Stdin", 1, 1, "interview"),
            "apps/train/2287", new Expect("Stdin", 3, 10, "competition"),
            "apps/train/2404", new Expect("Call", 1, 58, "introductory"),
            "apps/train/4184", new Expect("Call", 8, 8, "introductory"));
    expected.forEach(
        (id, e) -> {
          Problem p = byId.get(id);
          assertEquals(e.kind(), p.hiddenTests().getClass().getSimpleName(), id);
          assertEquals(e.tests(), p.hiddenTests().size(), id);
          assertEquals(e.solutions(), p.solutions().size(), id);
          assertEquals(Optional.of(e.difficulty()), p.difficulty(), id);
          assertEquals(0, p.exampleTests().size(), "training problems have no separate examples");
        });
    assertEquals(
        "findKthPositive", ((TestSuite.Call) byId.get("apps/train/2404").hiddenTests()).fnName());
    assertEquals("is_prime", ((TestSuite.Call) byId.get("apps/train/4184").hiddenTests()).fnName());
    assertTrue(byId.get("apps/train/2404").starterCode().contains("class Solution"));
  }

  @Test
  void readsAFolderFromDiskSkippingFoldersWithoutTests(@TempDir Path dir) throws Exception {
    Path p = Files.createDirectories(dir.resolve("0042"));
    Files.writeString(p.resolve("question.txt"), "Print the sum.\n");
    Files.writeString(
        p.resolve("input_output.json"), "{\"inputs\": [\"1 2\\n\"], \"outputs\": [\"3\\n\"]}");
    Files.writeString(
        p.resolve("example_input_output.json"),
        "{\"inputs\": [\"1 2\\n\"], \"outputs\": [\"3\\n\"]}");
    Files.createDirectories(dir.resolve("0043")).resolve("question.txt").toFile().createNewFile();
    AppsFolderLoader.Result r = AppsFolderLoader.read(dir, "test", Map.of());
    assertEquals(List.of("0043"), r.skipped());
    Problem prob = r.problems().getFirst();
    assertEquals("apps/test/0042", prob.id());
    assertEquals(Optional.of("interview"), prob.difficulty(), "from the test-split id range");
    assertEquals(1, prob.exampleTests().size());
    Files.writeString(
        p.resolve("input_output.json"), "{\"inputs\": [\"1 2\\n\"], \"outputs\": []}");
    DataFormatException e =
        assertThrows(DataFormatException.class, () -> AppsFolderLoader.read(dir, "test", Map.of()));
    assertTrue(
        e.getMessage().contains("0042/input_output.json: input_output has 1 inputs but 0 outputs"),
        e.getMessage());
  }

  @Test
  void readsCodeRlsExampleTestsForAll5000TestProblems() {
    Map<String, Optional<TestSuite.Stdin>> ex =
        AppsExampleTests.read(resource(AppsExampleTests.BUNDLED), "ex");
    assertEquals(5000, ex.size());
    assertEquals(4937, ex.values().stream().filter(Optional::isPresent).count());
    assertEquals(
        9882, ex.values().stream().flatMap(Optional::stream).mapToInt(TestSuite::size).sum());
    Map<String, Long> nullsByDifficulty =
        ex.entrySet().stream()
            .filter(e -> e.getValue().isEmpty())
            .collect(
                Collectors.groupingBy(
                    e -> AppsIds.testSplitDifficulty(Integer.parseInt(e.getKey())).orElseThrow(),
                    Collectors.counting()));
    assertEquals(
        Map.of("interview", 35L, "competition", 7L, "introductory", 21L), nullsByDifficulty);
    DataFormatException e =
        assertThrows(
            DataFormatException.class,
            () ->
                AppsExampleTests.read(
                    bytes("{\"problem_id\": \"12\", \"input_output\": null}"), "ex.jsonl"));
    assertTrue(
        e.getMessage().startsWith("ex.jsonl:1: field 'problem_id' must be a 4-digit id"),
        e.getMessage());
  }

  @Test
  void readsTheHfSchemaWithItsDoublyEncodedInputOutput() {
    AppsFolderLoader.Result r =
        AppsHfLoader.read(resource("apps_10.jsonl"), "apps_10", "test", AppsExampleTests.bundled());
    assertEquals(10, r.problems().size());
    Map<String, Long> byDifficulty =
        r.problems().stream()
            .collect(
                Collectors.groupingBy(p -> p.difficulty().orElseThrow(), Collectors.counting()));
    assertEquals(Map.of("interview", 5L, "competition", 2L, "introductory", 3L), byDifficulty);
    assertEquals(
        List.of(
            "apps/test/0203",
            "apps/test/0747",
            "apps/test/0771",
            "apps/test/1079",
            "apps/test/1303",
            "apps/test/3040",
            "apps/test/3177",
            "apps/test/4245",
            "apps/test/4559",
            "apps/test/4655"),
        r.problems().stream().map(Problem::id).sorted().toList());
    for (Problem p : r.problems()) {
      TestSuite.Stdin hidden = assertInstanceOf(TestSuite.Stdin.class, p.hiddenTests());
      assertTrue(hidden.size() >= 2 && hidden.size() <= 75, p.id() + " " + hidden.size());
      TestSuite.Stdin examples = (TestSuite.Stdin) p.exampleTests();
      assertTrue(examples.size() >= 1, p.id());
      // The data README's check: every CodeRL example is among the hidden tests.
      for (TestSuite.StdinCase c : examples.cases()) {
        assertTrue(
            hidden.cases().stream()
                .anyMatch(
                    h ->
                        h.input().strip().equals(c.input().strip())
                            && h.output().strip().equals(c.output().strip())),
            p.id() + " example " + c);
      }
    }
    DataFormatException e =
        assertThrows(
            DataFormatException.class,
            () ->
                AppsHfLoader.read(
                    bytes(
                        "{\"problem_id\": 5, \"question\": \"q\", \"starter_code\": \"\","
                            + " \"difficulty\": \"interview\", \"input_output\": \"{inputs\"}"),
                    "hf.jsonl",
                    "test",
                    Map.of()));
    assertTrue(
        e.getMessage().startsWith("hf.jsonl:1: field 'input_output': not valid JSON"),
        e.getMessage());
    e =
        assertThrows(
            DataFormatException.class,
            () ->
                AppsHfLoader.read(
                    bytes(
                        "{\"problem_id\": 5, \"question\": \"q\", \"difficulty\": \"hard\","
                            + " \"input_output\": \"{\\\"inputs\\\": [], \\\"outputs\\\": []}\"}"),
                    "hf.jsonl",
                    "test",
                    Map.of()));
    assertTrue(e.getMessage().contains("difficulty must be one of"), e.getMessage());
  }

  @Test
  void readsTheMapCoderSetRebuildingCallArguments() {
    AppsDerivedLoader.Result r =
        AppsDerivedLoader.read(resource("derived/mapcoder_selected150.jsonl"), "mc", "mapcoder150");
    assertEquals(22, r.duplicateRows(), "150 rows, 128 problems");
    assertEquals(128, r.problems().size() + r.refused().size());
    assertFalse(r.stringifiedOutputs());
    Map<String, Long> byDifficulty =
        r.problems().stream()
            .collect(
                Collectors.groupingBy(p -> p.difficulty().orElseThrow(), Collectors.counting()));
    Map<String, Problem> byId =
        r.problems().stream().collect(Collectors.toMap(Problem::id, p -> p));
    TestSuite.Call score = (TestSuite.Call) byId.get("apps/mapcoder150/3554").hiddenTests();
    assertEquals("get_score", score.fnName());
    assertEquals(new TestSuite.CallCase("[[1]]", "100"), score.cases().getFirst());
    TestSuite.Call solve = (TestSuite.Call) byId.get("apps/mapcoder150/4561").hiddenTests();
    assertEquals(
        "[\"abba\"]", solve.cases().getFirst().argsJson(), "a bare word is a string argument");
    assertEquals("true", solve.cases().getFirst().outputJson());
    // 1613's string argument holds newlines, so its two arguments cannot be told apart.
    assertEquals(List.of("apps/mapcoder150/1613"), List.copyOf(r.refused().keySet()));
    assertEquals(Map.of("introductory", 49L, "interview", 31L, "competition", 47L), byDifficulty);
    TestSuite.Call conv = (TestSuite.Call) byId.get("apps/mapcoder150/1617").hiddenTests();
    assertEquals(
        "[13]", conv.cases().getFirst().argsJson(), "defaulted parameters may be left out");
  }

  @Test
  void readsTheTeamCoderSetWithStringifiedOutputs() {
    AppsDerivedLoader.Result r =
        AppsDerivedLoader.read(
            resource("derived/teamcoder_selected300.jsonl"), "tc", "teamcoder300");
    assertEquals(4, r.duplicateRows(), "300 rows, 296 problems");
    assertEquals(296, r.problems().size() + r.refused().size());
    assertTrue(r.stringifiedOutputs());
    Map<String, Problem> byId =
        r.problems().stream().collect(Collectors.toMap(Problem::id, p -> p));
    TestSuite.Call special = (TestSuite.Call) byId.get("apps/teamcoder300/4024").hiddenTests();
    assertEquals(new TestSuite.CallCase("[2]", "\"Special!!\""), special.cases().getFirst());
    TestSuite.Call fish = (TestSuite.Call) byId.get("apps/teamcoder300/4746").hiddenTests();
    assertEquals(
        new TestSuite.CallCase("[\"pufferfish\"]", "1"),
        fish.cases().getFirst(),
        "\"1\" was str(1)");
    long stdin =
        r.problems().stream().filter(p -> p.hiddenTests() instanceof TestSuite.Stdin).count();
    assertEquals(245, stdin, "216 interview + 14 introductory + 15 competition stdin problems");
    assertEquals(Map.of(), r.refused());
  }

  @Test
  void refusesAmbiguousCallBasedRows() {
    String row =
        "{\"name\": \"7\", \"id\": 7, \"description\": \"d\", \"difficulty\": \"introductory\","
            + " \"starter_code\": \"\\n"
            + "def f(a, b):\\n"
            + "\\t\", \"sample_io\": [], \"test_list\": [{\"input\": \"x\\n"
            + "y\\n"
            + "z\", \"output\": [1]}]}";
    AppsDerivedLoader.Result r = AppsDerivedLoader.read(bytes(row), "d.jsonl", "d");
    assertEquals(List.of(), r.problems());
    assertTrue(
        r.refused().get("apps/d/0007").contains("has 3 lines for 2 parameters"),
        r.refused().toString());
    DataFormatException e =
        assertThrows(
            DataFormatException.class,
            () ->
                AppsDerivedLoader.read(
                    bytes(row.replace("\"output\": [1]", "\"output\": 1")), "d.jsonl", "d"));
    assertTrue(
        e.getMessage().startsWith("d.jsonl:1: field 'test_list' element 0 must be"),
        e.getMessage());
  }
}
