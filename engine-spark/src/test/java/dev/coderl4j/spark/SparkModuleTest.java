package dev.coderl4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coderl4j.core.exec.ProgramRunner;
import dev.coderl4j.core.plugin.PluginResolver;
import dev.coderl4j.core.plugin.PluginSpec;
import dev.coderl4j.core.plugin.UnknownPluginException;
import org.junit.jupiter.api.Test;

/** The module's wiring: the name resolves, and bad params fail before Spark starts. */
class SparkModuleTest {
  private final PluginResolver resolver = LocalSpark.resolver();

  private PluginSpec spec(String params) throws Exception {
    return new PluginSpec(SparkRunner.NAME, new ObjectMapper().readTree(params));
  }

  @Test
  void sparkIsARegisteredRunnerBesideTheOthers() {
    assertTrue(resolver.names(ProgramRunner.class).contains(SparkRunner.NAME));
    assertTrue(resolver.names(ProgramRunner.class).contains("graalpy"));
  }

  @Test
  void anUnknownInnerRunnerListsTheKnownOnes() throws Exception {
    var e =
        assertThrows(
            UnknownPluginException.class,
            () ->
                resolver.create(
                    ProgramRunner.class,
                    spec("{\"master\": \"local[1]\", \"runner\": {\"type\": \"pypy\"}}")));
    assertTrue(e.getMessage().contains("[cpython, graalpy, spark]"), e.getMessage());
  }

  @Test
  void badInnerParamsFailOnTheDriverBeforeSparkStarts() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                resolver.create(
                    ProgramRunner.class,
                    spec(
                        "{\"runner\": {\"type\": \"graalpy\", \"params\":"
                            + " {\"wrokers\": 2}}}")));
    assertTrue(
        e.getMessage().contains("Unknown parameter 'wrokers' for ProgramRunner 'graalpy'"),
        e.getMessage());
  }

  @Test
  void sparkInsideSparkIsRefused() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                resolver.create(ProgramRunner.class, spec("{\"runner\": {\"type\": \"spark\"}}")));
    assertTrue(e.getMessage().contains("cannot run itself"), e.getMessage());
  }

  @Test
  void unknownKeysAndBadValuesSayHowToFixThem() {
    var unknown =
        assertThrows(
            IllegalArgumentException.class,
            () -> resolver.create(ProgramRunner.class, spec("{\"masterUrl\": \"local\"}")));
    assertTrue(unknown.getMessage().contains("known parameters"), unknown.getMessage());
    var bad =
        assertThrows(
            IllegalArgumentException.class,
            () -> resolver.create(ProgramRunner.class, spec("{\"jobsPerTask\": 0}")));
    assertTrue(bad.getMessage().contains("jobsPerTask must be at least 1"), bad.getMessage());
  }

  @Test
  void timeoutAndWorkersAsExecAndEvaluatePassThemGoToTheInnerRunner() throws Exception {
    SparkParams p =
        resolver.readParams(
            ProgramRunner.class,
            spec(
                "{\"runner\": {\"type\": \"graalpy\", \"params\": {\"workers\": 3,"
                    + " \"compilation\": \"interpreter\"}}, \"timeoutSeconds\": 2.5,"
                    + " \"workers\": 1}"),
            SparkParams.class);
    var inner = p.innerRunner().params();
    assertEquals(2.5, inner.get("timeoutSeconds").asDouble());
    assertEquals(1, inner.get("workers").asInt());
    assertEquals("interpreter", inner.get("compilation").asText());
    assertEquals(3, p.runner().params().get("workers").asInt(), "the spec itself is left alone");
  }

  @Test
  void theDefaultsNameGraalpyInside() {
    assertEquals("graalpy", SparkParams.defaults().runner().type());
    assertEquals("", SparkParams.defaults().master());
  }
}
