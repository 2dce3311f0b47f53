package dev.coderl4j.mbpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coderl4j.core.benchmark.DataFormatException;
import dev.coderl4j.core.problem.Problem;
import dev.coderl4j.core.problem.TestSuite;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MbppLoaderTest {

  static List<Problem> full() {
    return MbppLoader.readFull(Bundled.open("", Bundled.MBPP), "mbpp.jsonl", false);
  }

  private static ByteArrayInputStream bytes(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsEveryTaskOfTheFullSetWithItsSplit() {
    List<Problem> all = full();
    assertEquals(974, all.size());
    Map<String, Long> bySplit =
        all.stream()
            .collect(
                Collectors.groupingBy(
                    p -> p.metadata().get(MbppLoader.SPLIT), Collectors.counting()));
    assertEquals(Map.of("prompt", 10L, "test", 500L, "validation", 90L, "train", 374L), bySplit);
    for (Problem p : all) {
      TestSuite.Asserts hidden = (TestSuite.Asserts) p.hiddenTests();
      assertEquals(3, hidden.size(), p.id());
      assertEquals(p.exampleTests(), p.hiddenTests(), "MBPP shows its asserts in the prompt");
      assertTrue(!p.solutions().getFirst().contains("\r"), "code uses \\n line endings");
    }
    Map<String, Problem> byId =
        all.stream().collect(Collectors.toMap(Problem::id, Function.identity()));
    assertTrue(
        ((TestSuite.Asserts) byId.get("mbpp/367").hiddenTests())
            .setup()
            .startsWith("root = Node(1) \nroot.left"));
    assertTrue(((TestSuite.Asserts) byId.get("mbpp/927").hiddenTests()).setup().contains("Node"));
    long withSetup =
        all.stream().filter(p -> !((TestSuite.Asserts) p.hiddenTests()).setup().isEmpty()).count();
    assertEquals(2, withSetup);
    long withChallenge =
        all.stream()
            .filter(p -> !p.metadata().get(MbppLoader.CHALLENGE_TESTS).equals("[]"))
            .count();
    assertEquals(11, withChallenge);
  }

  @Test
  void challengeTestsAreAddedOnRequest() {
    List<Problem> all = MbppLoader.readFull(Bundled.open("", Bundled.MBPP), "mbpp.jsonl", true);
    Problem p11 = all.stream().filter(p -> p.id().equals("mbpp/11")).findFirst().orElseThrow();
    assertTrue(p11.hiddenTests().size() > 3);
    assertEquals(3, p11.exampleTests().size());
  }

  @Test
  void readsEveryTaskOfTheSanitizedSet() {
    List<Problem> all = MbppLoader.readSanitized(Bundled.open("", Bundled.SANITIZED), "sanitized");
    assertEquals(427, all.size());
    assertEquals(
        257, all.stream().filter(p -> p.metadata().get(MbppLoader.SPLIT).equals("test")).count());
    long withImports =
        all.stream().filter(p -> !((TestSuite.Asserts) p.hiddenTests()).setup().isEmpty()).count();
    assertEquals(13, withImports);
  }

  @Test
  void rejectsMalformedRecordsNamingFileLineAndField() {
    String good =
        "{\"task_id\": 11, \"text\": \"t\", \"code\": \"def f(): pass\", \"test_list\": [\"assert"
            + " f() is None\"], \"test_setup_code\": \"\", \"challenge_test_list\": []}";
    DataFormatException e =
        assertThrows(
            DataFormatException.class,
            () ->
                MbppLoader.readFull(
                    bytes(
                        good
                            + "\n"
                            + good.replace("\"text\": \"t\"", "\"text\": 3").replace("11", "12")),
                    "x.jsonl",
                    false));
    assertTrue(
        e.getMessage().startsWith("x.jsonl:2: field 'text' must be a string"), e.getMessage());
    e =
        assertThrows(
            DataFormatException.class,
            () ->
                MbppLoader.readFull(
                    bytes(good.replace(", \"test_setup_code\": \"\"", "")), "x.jsonl", false));
    assertTrue(
        e.getMessage().contains("x.jsonl:1: field 'test_setup_code' is missing"), e.getMessage());
    e =
        assertThrows(
            DataFormatException.class,
            () -> MbppLoader.readFull(bytes(good + "\n" + good), "x.jsonl", false));
    assertTrue(e.getMessage().contains("repeats task 11"), e.getMessage());
    e =
        assertThrows(
            DataFormatException.class,
            () -> MbppLoader.readFull(bytes("{not json"), "x.jsonl", false));
    assertTrue(e.getMessage().startsWith("x.jsonl:1: not valid JSON"), e.getMessage());
    e =
        assertThrows(
            DataFormatException.class,
            () ->
                MbppLoader.readFull(
                    bytes(good.replace("assert f() is None", "f()")), "x.jsonl", false));
    assertTrue(e.getMessage().contains("'test_list' must hold assert statements"), e.getMessage());
    e =
        assertThrows(
            DataFormatException.class,
            () -> MbppLoader.readSanitized(bytes("{\"task_id\": 2}"), "s.json"));
    assertTrue(e.getMessage().contains("expected a JSON array"), e.getMessage());
    e =
        assertThrows(
            DataFormatException.class,
            () ->
                MbppLoader.readSanitized(
                    bytes(
                        "[{\"task_id\": 2, \"source_file\": \"a\", \"prompt\": \"p\", \"code\":"
                            + " \"c\", \"test_imports\": [], \"test_list\": \"assert 1\"}]"),
                    "s.json"));
    assertTrue(
        e.getMessage().startsWith("s.json:1: field 'test_list' must be an array of strings"),
        e.getMessage());
  }
}
