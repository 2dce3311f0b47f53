package dev.coderl4j.mbpp;

import dev.coderl4j.core.benchmark.Benchmark;
import dev.coderl4j.core.benchmark.BenchmarkContract;
import dev.coderl4j.core.benchmark.PromptFormat;
import dev.coderl4j.core.benchmark.PromptFormatContract;
import dev.coderl4j.core.plugin.NoParams;
import dev.coderl4j.core.problem.Problem;
import java.util.List;
import net.jqwik.api.Group;

/** The core contracts, for each benchmark and prompt format of this module. */
class MbppContractsTest {
  static final List<Problem> MBPP = MbppLoader.readFull(Bundled.open("", Bundled.MBPP), "mbpp", false);
  static final List<Problem> HUMANEVAL = HumanEvalLoader.read(Bundled.open("", Bundled.HUMANEVAL), "he");

  @Group
  class MbppBenchmarkContract implements BenchmarkContract {
    @Override
    public Benchmark benchmark() {
      return new MbppBenchmark.Factory().create(new MbppBenchmark.Params("", "all", false));
    }
  }

  @Group
  class SanitizedBenchmarkContract implements BenchmarkContract {
    @Override
    public Benchmark benchmark() {
      return new MbppBenchmark.SanitizedFactory().create(new MbppBenchmark.Params("", "all", false));
    }
  }

  @Group
  class HumanEvalBenchmarkContract implements BenchmarkContract {
    @Override
    public Benchmark benchmark() {
      return new HumanEvalBenchmark.Factory().create(new HumanEvalBenchmark.Params(""));
    }
  }

  @Group
  class MbppAppsFormatContract implements PromptFormatContract {
    @Override
    public PromptFormat format() {
      return new MbppAppsFormat.Factory().create(new NoParams());
    }

    @Override
    public List<Problem> formattedProblems() {
      return MBPP;
    }
  }

  @Group
  class FewShotFormatContract implements PromptFormatContract {
    @Override
    public PromptFormat format() {
      return new MbppFewShotFormat.Factory().create(new MbppFewShotFormat.Params(null, null));
    }

    @Override
    public List<Problem> formattedProblems() {
      return MBPP;
    }
  }

  @Group
  class HumanEvalFormatContract implements PromptFormatContract {
    @Override
    public PromptFormat format() {
      return new HumanEvalFormat.Factory().create(new NoParams());
    }

    @Override
    public List<Problem> formattedProblems() {
      return HUMANEVAL;
    }
  }
}
