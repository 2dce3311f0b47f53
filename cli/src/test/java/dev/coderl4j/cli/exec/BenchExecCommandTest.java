package dev.coderl4j.cli.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coderl4j.cli.Main;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code coderl bench exec} on a small set: every backend runs every job, the ratios are taken
 * against the CPython process-per-job run of the same invocation, and disagreements are found
 * (the first twelve MBPP references include MBPP 2, whose result depends on set order).
 */
class BenchExecCommandTest {
  @TempDir Path dir;

  @Test
  void reportsEveryBackendAgainstTheSameRunsBaselineAndFindsTheSetOrderDivergence() throws Exception {
    Assumptions.assumeTrue(ExecCommandTest.hasPython(), "python3 is not on the PATH");
    Path mbpp = Path.of("..", "polyglot-runner", "src", "test", "resources", "data", "mbpp", "mbpp.jsonl");
    int rc = new CommandLine(new Main()).execute("bench", "exec", "--mbpp", mbpp.toString(), "--limit", "12",
        "--loops", "1", "--trivial", "6", "--timeout", "1", "--workers", "2", "--modes", "interpreter", "--out", dir.toString(),
        "--graalpy-params", "{\"classDataDir\": \"" + dir.resolve("cds") + "\"}");
    assertEquals(0, rc);
    JsonNode report = new ObjectMapper().readTree(dir.resolve("bench-exec.json").toFile());
    assertTrue(report.path("provenance").path("gitCommit").isTextual());
    JsonNode sets = report.get("sets");
    assertEquals(3, sets.size());
    JsonNode overhead = sets.get(0);
    assertEquals("overhead", overhead.get("set").asText());
    assertEquals("6/6", overhead.get("graalpy-interpreter").get("agreementWithCpythonProcessPerJob").asText());
    assertTrue(overhead.get("graalpy-interpreter").get("medianMillisPerJob").asDouble() >= 0);
    JsonNode quick = sets.get(1);
    assertEquals("non-timeout", quick.get("set").asText());
    assertEquals(12, quick.get("jobs").asInt());
    for (String backend : List.of("cpython-process-per-job", "cpython-persistent", "graalpy-interpreter")) {
      JsonNode b = quick.get(backend);
      assertTrue(b.get("jobsPerSecond").asDouble() > 0, backend);
      assertEquals(quick.get("cpython-process-per-job").get("wallSeconds").asDouble() / b.get("wallSeconds").asDouble(),
          b.get("ratioToCpythonProcessPerJob").asDouble(), 1e-9, backend);
    }
    assertEquals("12/12", quick.get("cpython-persistent").get("agreementWithCpythonProcessPerJob").asText());
    JsonNode graal = quick.get("graalpy-interpreter");
    assertEquals("11/12", graal.get("agreementWithCpythonProcessPerJob").asText());
    List<String> dis = new ArrayList<>();
    graal.get("disagreements").forEach(d -> dis.add(d.asText()));
    assertEquals(1, dis.size(), dis.toString());
    assertTrue(dis.getFirst().startsWith("mbpp/2: FAILED_TEST"), dis.toString());
    JsonNode slow = sets.get(2);
    assertEquals("timeout", slow.get("set").asText());
    assertEquals("1/1", slow.get("graalpy-interpreter").get("agreementWithCpythonProcessPerJob").asText());
    String table = Files.readString(dir.resolve("bench-exec.txt"));
    assertTrue(table.contains("graalpy-interpreter") && table.contains("vs cpy-pp"), table);
  }
}
