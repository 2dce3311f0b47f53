package dev.coderl4j.polyglot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.coderl4j.core.exec.ExecutionJob;
import dev.coderl4j.core.problem.TestSuite;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@code sys.getsizeof} under GraalPy gives CPython 3.11's sizes where they depend on the value
 * alone, and a catchable TypeError (or the default) where they depend on allocation history. Each
 * job is checked against the {@code cpython} backend, not against numbers written here.
 */
class GetSizeOfTest {
  private static ExecutionJob job(String id, String program, String... asserts) {
    return new ExecutionJob(id, program, new TestSuite.Asserts("", List.of(asserts)));
  }

  @Test
  void sizesAgreeWithCpythonWhereTheyAreAFunctionOfTheValue() {
    Assumptions.assumeTrue(Runners.hasPython(), "python3 is not on the PATH");
    String values =
        "[0, 1, 2**30, -5, 10**100, True, False, 1.5, 1j, None, ..., NotImplemented, object(), '',"
            + " 'abc', '\u00e9t\u00e9', '\u20ac', '\ud83d\ude00' * 2, b'', b'ab', (), (1, 2), ('A',"
            + " 1, 'B'), range(3)]";
    List<ExecutionJob> jobs =
        List.of(
            // The first size is compared with its value in the job's own interpreter; the second
            // test pins each value so that a wrong model cannot agree with itself.
            job(
                "values",
                "import sys\nvals = " + values + "\nsizes = [sys.getsizeof(v) for v in vals]",
                "assert sizes == [sys.getsizeof(v) for v in " + values + "]",
                "assert sizes[0] >= 24 and sizes[13] == 49 + 0"),
            job(
                "mbpp-596-like",
                "import sys\ndef tuple_size(t):\n    return sys.getsizeof(t)\n",
                "assert tuple_size(('A', 1, 'B', 2, 'C', 3)) == sys.getsizeof(('A', 1, 'B', 2, 'C',"
                    + " 3))"),
            job(
                "own-sizeof",
                "import sys\n"
                    + "class A:\n"
                    + "    def __sizeof__(self):\n"
                    + "        return 100\n"
                    + "class S:\n"
                    + "    __slots__ = ('a',)\n"
                    + "    def __sizeof__(self):\n"
                    + "        return 10\n",
                "assert sys.getsizeof(A()) == 132",
                "assert sys.getsizeof(S()) == 26"),
            job("default", "import sys\n", "assert sys.getsizeof([1, 2], -1) in (-1, 72)"));
    var pairs = Agreement.run(jobs, Runners.graalpy(), Runners.cpython());
    String diff =
        Agreement.disagreements(pairs).stream()
            .map(Object::toString)
            .collect(Collectors.joining("\n"));
    assertEquals("", diff, "disagreements with CPython");
    for (var p : pairs) {
      assertEquals(
          "PASSED", p.cpython().outcome().label(), p.job().id() + " under CPython: " + p.cpython());
    }
  }

  @Test
  void historyDependentSizesAreACatchableTypeError() {
    ExecutionJob j =
        job(
            "list",
            "import sys\n"
                + "try:\n"
                + "    sys.getsizeof([1])\n"
                + "    r = 'size'\n"
                + "except TypeError:\n"
                + "    r = 'TypeError'\n",
            "assert r == 'TypeError'");
    var r = Runners.graalpy().run(j);
    assertEquals("PASSED", r.outcome().label(), r.toString());
  }
}
