package dev.coderl4j.list;

import dev.coderl4j.core.benchmark.Benchmark;
import dev.coderl4j.core.benchmark.BenchmarkContract;
import dev.coderl4j.core.benchmark.BenchmarkGenerator;
import dev.coderl4j.core.benchmark.BenchmarkGeneratorContract;
import dev.coderl4j.core.benchmark.PromptFormat;
import dev.coderl4j.core.benchmark.PromptFormatContract;
import dev.coderl4j.core.plugin.NoParams;
import dev.coderl4j.core.problem.Problem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Group;

/** The core contracts, for each split of the bundled copy, the prompt format and the generator. */
class ListProgramsContractsTest {
  static Benchmark split(String split) {
    return new ListProgramsBenchmark.Factory()
        .create(new ListProgramsBenchmark.Params("", split, null));
  }

  @Group
  class TrainContract implements BenchmarkContract {
    private final Benchmark b = split(ListPrograms.TRAIN);

    @Override
    public Benchmark benchmark() {
      return b;
    }
  }

  @Group
  class TestContract implements BenchmarkContract {
    private final Benchmark b = split(ListPrograms.TEST);

    @Override
    public Benchmark benchmark() {
      return b;
    }
  }

  @Group
  class CompositionalContract implements BenchmarkContract {
    private final Benchmark b = split(ListPrograms.COMPOSITIONAL);

    @Override
    public Benchmark benchmark() {
      return b;
    }
  }

  @Group
  class FormatContract implements PromptFormatContract {
    private final List<Problem> problems = split(ListPrograms.TEST).problems();

    @Override
    public PromptFormat format() {
      return new ListProgramsFormat.Factory().create(new ListProgramsFormat.Params());
    }

    @Override
    public List<Problem> formattedProblems() {
      return problems;
    }
  }

  @Group
  class GeneratorContract implements BenchmarkGeneratorContract {
    @Override
    public BenchmarkGenerator generator() {
      return new ListProgramsGenerator.Factory().create(new NoParams());
    }

    @Override
    public String benchmarkName() {
      return ListPrograms.NAME;
    }

    @Override
    public Map<String, Integer> smallSizes() {
      Map<String, Integer> m = new LinkedHashMap<>();
      m.put(ListPrograms.TRAIN, 120);
      m.put(ListPrograms.TEST, 30);
      m.put(ListPrograms.COMPOSITIONAL, 15);
      return m;
    }
  }
}
