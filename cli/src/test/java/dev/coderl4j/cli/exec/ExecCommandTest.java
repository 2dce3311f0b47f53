package dev.coderl4j.cli.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coderl4j.cli.Main;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code coderl exec} end to end: the job and result format, order, malformed lines. */
class ExecCommandTest {
  private static final ObjectMapper M = new ObjectMapper();

  @TempDir Path dir;

  private static final List<String> JOBS =
      List.of(
          "{\"id\": \"a\", \"kind\": \"assert\", \"program\": \"def add(a, b):\\n"
              + "    return a + b\\n"
              + "\", \"tests\": [\"assert add(1, 2) == 3\", \"assert add(1, 1) == 3\", \"assert"
              + " add(None, 1)\"]}",
          "not json",
          "{\"id\": \"s\", \"kind\": \"stdin\", \"program\": \"n = int(input())\\n"
              + "print(n * 2)\\n"
              + "\", \"tests\": [{\"input\": \"3\\n"
              + "\", \"output\": \"6\\n"
              + "\"}]}",
          "{\"id\": \"c\", \"kind\": \"call\", \"fn_name\": \"f\", \"program\": \"def f(x):\\n"
              + "    return (x, x)\\n"
              + "\", \"tests\": [{\"args\": [1], \"output\": [[1, 1]]}, {\"args\": [2], \"output\":"
              + " [2, 3]}]}",
          "{\"id\": \"x\", \"kind\": \"assert\", \"program\": \"def f(:\\n"
              + "\", \"tests\": [\"assert True\"]}",
          "{\"id\": \"bad\", \"kind\": \"stdin\", \"program\": \"\", \"tests\": [\"assert 1\"]}");

  private List<JsonNode> run(String backend) throws Exception {
    Path jobs = dir.resolve("jobs.jsonl");
    Path out = dir.resolve(backend + ".jsonl");
    Files.write(jobs, JOBS, StandardCharsets.UTF_8);
    int rc =
        new CommandLine(new Main())
            .execute(
                "exec",
                "--jobs",
                jobs.toString(),
                "--out",
                out.toString(),
                "--backend",
                backend,
                "--workers",
                "2",
                "--quiet");
    assertEquals(0, rc);
    assertTrue(Files.exists(dir.resolve(backend + ".jsonl.provenance.json")));
    List<JsonNode> lines = new ArrayList<>();
    for (String l : Files.readAllLines(out)) {
      lines.add(M.readTree(l));
    }
    return lines;
  }

  private static void check(List<JsonNode> r) {
    assertEquals(6, r.size());
    assertEquals(
        "{\"id\":\"a\",\"outcome\":\"FAILED_TEST\",\"tests\":[true,false,\"TypeError\"]}",
        withoutMillis(r.get(0)));
    assertEquals("line-2", r.get(1).get("id").asText());
    assertEquals(2, r.get(1).get("line").asInt());
    assertTrue(r.get(1).get("error").asText().contains("JSON"));
    assertEquals("{\"id\":\"s\",\"outcome\":\"PASSED\",\"tests\":[true]}", withoutMillis(r.get(2)));
    assertEquals(
        "{\"id\":\"c\",\"outcome\":\"FAILED_TEST\",\"tests\":[true,false]}",
        withoutMillis(r.get(3)));
    assertEquals(
        "{\"id\":\"x\",\"outcome\":\"COMPILE_ERROR\",\"tests\":[]}", withoutMillis(r.get(4)));
    assertEquals("bad", r.get(5).get("id").asText());
    assertTrue(r.get(5).has("error"));
  }

  private static String withoutMillis(JsonNode n) {
    assertTrue(n.get("millis").isNumber());
    var copy = n.deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) copy).remove("millis");
    return copy.toString();
  }

  @Test
  void graalpyWritesOneResultPerLineInInputOrder() throws Exception {
    check(run("graalpy"));
  }

  @Test
  void bothBackendsAgreeAndReportNoDisagreement() throws Exception {
    Assumptions.assumeTrue(hasPython(), "python3 is not on the PATH");
    List<JsonNode> r = run("both");
    check(r);
    assertTrue(r.stream().noneMatch(n -> n.has("disagreement")), r.toString());
  }

  @Test
  void orderedWriterWritesInIndexOrder() throws Exception {
    var sw = new java.io.StringWriter();
    var w = new ExecCommand.OrderedWriter(sw, 3);
    w.put(2, "c");
    w.put(0, "a");
    assertEquals("a\n", sw.toString());
    w.put(1, "b");
    assertEquals("a\nb\nc\n", sw.toString());
  }

  /** Whether python3 is on the PATH (the cpython backend's tests need it). */
  static boolean hasPython() {
    try {
      Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor() == 0;
    } catch (Exception e) {
      return false;
    }
  }
}
