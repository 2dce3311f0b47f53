package dev.coderl4j.apps;

import dev.coderl4j.core.benchmark.Benchmark;
import dev.coderl4j.core.benchmark.BenchmarkContract;
import dev.coderl4j.core.benchmark.PromptFormat;
import dev.coderl4j.core.benchmark.PromptFormatContract;
import dev.coderl4j.core.plugin.NoParams;
import dev.coderl4j.core.problem.Problem;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Group;

/**
 * The core contracts for {@code apps} on each bundled dataset and comparison, and {@code
 * coderl-apps}.
 */
class AppsContractsTest {
  private static final java.util.Map<String, Benchmark> CACHE =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** Each configuration is loaded once for the whole class (properties call this per try). */
  static Benchmark apps(String dataset, String comparison) {
    return CACHE.computeIfAbsent(
        dataset + "/" + comparison,
        k ->
            new AppsBenchmark.Factory()
                .create(new AppsBenchmark.Params(dataset, null, null, comparison)));
  }

  @Group
  class TestSet implements BenchmarkContract {
    @Override
    public Benchmark benchmark() {
      return apps("test", "strict");
    }
  }

  @Group
  class TrainSetAppsCompatible implements BenchmarkContract {
    @Override
    public Benchmark benchmark() {
      return apps("train", "apps-compatible");
    }
  }

  @Group
  class MapCoder implements BenchmarkContract {
    @Override
    public Benchmark benchmark() {
      return apps("mapcoder150", "strict");
    }
  }

  @Group
  class TeamCoder implements BenchmarkContract {
    @Override
    public Benchmark benchmark() {
      return apps("teamcoder300", "strict");
    }
  }

  @Group
  class Format implements PromptFormatContract {
    @Override
    public PromptFormat format() {
      return new CodeRlAppsFormat.Factory().create(new NoParams());
    }

    private List<Problem> problems;

    @Override
    public List<Problem> formattedProblems() {
      if (problems != null) {
        return problems;
      }
      List<Problem> all = new ArrayList<>(apps("test", "strict").problems());
      all.addAll(apps("train", "strict").problems());
      all.addAll(apps("teamcoder300", "strict").problems());
      problems = all;
      return all;
    }
  }
}
