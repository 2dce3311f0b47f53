package dev.coderl4j.polyglot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.coderl4j.core.exec.ExecutionJob;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The full evidence runs (slow: run with -Pslow): every MBPP reference solution with its setup
 * code, every HumanEval canonical solution, every solution of the shipped APPS problems, and
 * mutants of all MBPP solutions.
 */
@Tag("slow")
class CorpusAgreementIT {
  /**
   * Known divergences, measured (docs/execution.md lists each with its cause), by task id; a mutant
   * of a task shares its entry. Set iteration order: MBPP 2, 111, 193, 579, 769 return or compare
   * tuples built from sets. Speed: MBPP 123 (amicable numbers to 9999) takes ~2.4 s in CPython and
   * more than the 4 s limit in GraalPy; APPS 4184 solution 5 sieves to 10^7 in its first call (1.1
   * s for all 8 tests in CPython), past the limit in both GraalPy modes. (MBPP 596, sys.getsizeof,
   * agrees since the harness computes CPython's sizes: see GetSizeOfTest.)
   */
  static final Set<String> KNOWN =
      Set.of("mbpp/2", "mbpp/111", "mbpp/193", "mbpp/579", "mbpp/769", "mbpp/123", "apps/4184/5");

  private static boolean known(String id) {
    return KNOWN.contains(id) || KNOWN.contains(id.split("~")[0]);
  }

  private static void check(List<ExecutionJob> jobs) {
    Assumptions.assumeTrue(Runners.hasPython(), "python3 is not on the PATH");
    var pairs = Agreement.run(jobs, Runners.graalpy(), Runners.cpython());
    String lost =
        Agreement.lostPasses(pairs).stream()
            .filter(p -> !known(p.job().id()))
            .map(Object::toString)
            .collect(Collectors.joining("\n"));
    assertEquals("", lost, "reference solutions that pass under CPython but not GraalPy");
    String diff =
        Agreement.disagreements(pairs).stream()
            .filter(p -> !known(p.job().id()))
            .map(Object::toString)
            .collect(Collectors.joining("\n"));
    assertEquals("", diff, "disagreements");
  }

  @Test
  void allMbppReferenceSolutions() {
    check(Corpus.mbpp());
  }

  @Test
  void allHumanEvalCanonicalSolutions() {
    check(Corpus.humanEval());
  }

  @Test
  void allAppsTrainingSolutions() {
    check(Corpus.apps());
  }

  @Test
  void mutantsOfAllMbppSolutions() {
    // Every syntax, exception and wrong-answer mutant; every 8th endless-loop mutant (each costs up
    // to 3 tests x 4 s per backend: all ~240 of them made this suite run for hours).
    List<ExecutionJob> loops =
        Corpus.mutants(Corpus.mbpp(), true).stream().filter(j -> j.id().contains("~loop")).toList();
    List<ExecutionJob> jobs = new ArrayList<>(Corpus.mutants(Corpus.mbpp(), false));
    jobs.addAll(Corpus.sample(loops, 8, 0));
    check(jobs);
  }
}
