package dev.coderl4j.evalplus;

import dev.coderl4j.core.benchmark.Benchmark;
import dev.coderl4j.core.benchmark.BenchmarkContract;
import dev.coderl4j.core.benchmark.PromptFormat;
import dev.coderl4j.core.benchmark.PromptFormatContract;
import dev.coderl4j.core.problem.Problem;
import java.util.List;
import net.jqwik.api.Group;

/** The core contracts, for each benchmark and prompt format of this module (on the fixtures). */
class EvalPlusContractsTest {
  static final Benchmark HUMANEVAL = Fixtures.humaneval();
  static final Benchmark MBPP = Fixtures.mbpp();
  static final Benchmark LEETCODE = Fixtures.leetcode("test", "leetcode-test-sample.jsonl.gz");

  @Group
  class HumanEvalPlusContract implements BenchmarkContract {
    @Override
    public Benchmark benchmark() {
      return HUMANEVAL;
    }
  }

  @Group
  class MbppPlusContract implements BenchmarkContract {
    @Override
    public Benchmark benchmark() {
      return MBPP;
    }
  }

  @Group
  class LeetCodeContract implements BenchmarkContract {
    @Override
    public Benchmark benchmark() {
      return LEETCODE;
    }
  }

  @Group
  class EvalPlusFormatContract implements PromptFormatContract {
    @Override
    public PromptFormat format() {
      return new EvalPlusFormat();
    }

    @Override
    public List<Problem> formattedProblems() {
      List<Problem> all = new java.util.ArrayList<>(HUMANEVAL.problems());
      all.addAll(MBPP.problems());
      return all;
    }
  }

  @Group
  class LeetCodeFormatContract implements PromptFormatContract {
    @Override
    public PromptFormat format() {
      return new LeetCodeFormat();
    }

    @Override
    public List<Problem> formattedProblems() {
      return LEETCODE.problems();
    }
  }
}
