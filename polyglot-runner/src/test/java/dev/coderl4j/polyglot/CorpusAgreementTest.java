package dev.coderl4j.polyglot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coderl4j.core.exec.ExecutionJob;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A representative sample of the evidence corpora (the full runs are {@link CorpusAgreementIT}):
 * reference solutions pass under GraalPy exactly where they pass under CPython, and mutants get the
 * same outcome and per-test results from both backends.
 */
class CorpusAgreementTest {
  static List<ExecutionJob> sample() {
    List<ExecutionJob> mbpp = Corpus.sample(Corpus.mbpp(), 40, 7);
    List<ExecutionJob> jobs = new ArrayList<>(mbpp);
    jobs.addAll(Corpus.mutants(mbpp, false));
    jobs.addAll(
        Corpus.mutants(Corpus.sample(Corpus.mbpp(), 200, 3), true).stream()
            .filter(j -> j.id().contains("loop"))
            .toList());
    jobs.addAll(Corpus.sample(Corpus.humanEval(), 20, 5));
    List<ExecutionJob> apps = Corpus.apps();
    for (String id : Corpus.APPS_IDS) {
      apps.stream().filter(j -> j.id().startsWith("apps/" + id + "/")).limit(2).forEach(jobs::add);
    }
    return jobs;
  }

  @Test
  void graalpyAgreesWithCpythonOnTheSample() {
    Assumptions.assumeTrue(Runners.hasPython(), "python3 is not on the PATH");
    List<ExecutionJob> jobs = sample();
    var pairs = Agreement.run(jobs, Runners.graalpy(), Runners.cpython());
    String lost =
        Agreement.lostPasses(pairs).stream()
            .map(Object::toString)
            .collect(Collectors.joining("\n"));
    assertEquals("", lost, "reference solutions that pass under CPython but not GraalPy");
    String diff =
        Agreement.disagreements(pairs).stream()
            .map(Object::toString)
            .collect(Collectors.joining("\n"));
    assertEquals("", diff, "outcome disagreements");
    long passed = pairs.stream().filter(p -> p.cpython().passed()).count();
    assertTrue(
        passed > jobs.size() / 3, "too few passing references: " + passed + "/" + jobs.size());
  }
}
