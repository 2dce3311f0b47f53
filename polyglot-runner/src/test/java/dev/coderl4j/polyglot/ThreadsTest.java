package dev.coderl4j.polyglot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.coderl4j.core.exec.ExecutionJob;
import dev.coderl4j.core.problem.TestSuite;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Programs that start threads, as APPS solutions do for a large stack, get CPython's outcome under
 * GraalPy, whose sandbox refuses threads: a started thread runs to its end on the calling thread.
 */
class ThreadsTest {
  @Test
  void theAppsLargeStackIdiomAndThreadExceptionsAgreeWithCpython() {
    Assumptions.assumeTrue(Runners.hasPython(), "python3 is not on the PATH");
    String apps =
        """
        import sys, threading
        sys.setrecursionlimit(10 ** 6)
        threading.stack_size(2 ** 26)
        def depth(n):
            return 0 if n == 0 else 1 + depth(n - 1)
        def main():
            n = int(input())
            print(depth(n))
        t = threading.Thread(target=main)
        t.start()
        t.join()
        """;
    String failing =
        """
        import threading
        results = []
        def work(i):
            if i == 1:
                raise ValueError("in a thread")
            results.append(i)
        threads = [threading.Thread(target=work, args=(i,)) for i in range(3)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        alive = [t.is_alive() for t in threads]
        """;
    List<ExecutionJob> jobs =
        List.of(
            new ExecutionJob(
                "apps-idiom",
                apps,
                new TestSuite.Stdin(
                    List.of(
                        new TestSuite.StdinCase("20000\n", "20000\n"),
                        new TestSuite.StdinCase("5\n", "5\n")))),
            new ExecutionJob(
                "exception-in-thread",
                failing,
                new TestSuite.Asserts(
                    "",
                    List.of(
                        "assert sorted(results) == [0, 2]",
                        "assert alive == [False, False, False]",
                        "assert threading.current_thread() is threading.main_thread()"))));
    var pairs = Agreement.run(jobs, Runners.graalpy(), Runners.cpython());
    String diff =
        Agreement.disagreements(pairs).stream()
            .map(Object::toString)
            .collect(Collectors.joining("\n"));
    assertEquals("", diff, "disagreements with CPython");
    for (var p : pairs) {
      assertEquals("PASSED", p.graalpy().outcome().label(), p.toString());
    }
  }
}
