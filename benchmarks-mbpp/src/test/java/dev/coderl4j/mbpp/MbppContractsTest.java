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
  static final List<Problem> MBPP =
      MbppLoader.readFull(Bundled.open("", Bundled.MBPP), "mbpp", false);
  static final List<Problem> HUMANEVAL =
      HumanEvalLoader.read(Bundled.open("", Bundled.HUMANEVAL), "he");
  static final PromptFormat FEW_SHOT =
      new MbppFewShotFormat.Factory().create(new MbppFewShotFormat.Params(null, null));
  static final Benchmark MBPP_ALL =
      new MbppBenchmark.Factory().create(new MbppBenchmark.Params("", "all", false));
  static final Benchmark SANITIZED_ALL =
      new MbppBenchmark.SanitizedFactory().create(new MbppBenchmark.Params("", "all", false));
  static final Benchmark HUMANEVAL_BENCHMARK =
      new HumanEvalBenchmark.Factory().create(new HumanEvalBenchmark.Params(""));

  @Group
  class MbppBenchmarkContract implements BenchmarkContract {
    @Override
    public Benchmark benchmark() {
      return MBPP_ALL;
    }
  }

  @Group
  class SanitizedBenchmarkContract implements BenchmarkContract {
    @Override
    public Benchmark benchmark() {
      return SANITIZED_ALL;
    }
  }

  @Group
  class HumanEvalBenchmarkContract implements BenchmarkContract {
    @Override
    public Benchmark benchmark() {
      return HUMANEVAL_BENCHMARK;
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
      return FEW_SHOT;
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
