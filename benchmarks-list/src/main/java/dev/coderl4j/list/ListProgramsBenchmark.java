package dev.coderl4j.list;

import dev.coderl4j.core.benchmark.Benchmark;
import dev.coderl4j.core.plugin.ParamsFactory;
import dev.coderl4j.core.problem.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The list-programs benchmark: generated DeepCoder-style list programs (Balog et al., ICLR 2017,
 * cited by CodeRL §2.1) sized for a small actor on a CPU, with APPS' three difficulty levels (§4)
 * given by the number of steps. One split is loaded at a time.
 */
public final class ListProgramsBenchmark implements Benchmark {
  public static final String NAME = ListPrograms.NAME;

  private static final Pattern TASK_ID =
      Pattern.compile("(?i)(?:list-programs/)?(?:(train|test|test-compositional)/)?0*(\\d+)");

  private final List<Problem> problems;
  private final String split;

  public ListProgramsBenchmark(List<Problem> problems, String split) {
    this.problems = List.copyOf(problems);
    this.split = ListPrograms.split(split);
  }

  /**
   * Params of {@code list-programs}.
   *
   * @param path a folder written by {@code coderl benchmark generate list-programs}; empty for the
   *     bundled copy
   * @param split {@code test} (the default), {@code train} or {@code test-compositional}
   * @param maxSteps keep only the programs of at most this many steps (default 5: all); a small
   *     actor's training can start on the short ones
   */
  public record Params(String path, String split, Integer maxSteps) {
    public Params {
      path = path == null ? "" : path;
      split = split == null ? ListPrograms.TEST : split;
      maxSteps = maxSteps == null ? 5 : maxSteps;
      ListPrograms.split(split);
      if (maxSteps < 1 || maxSteps > 5) {
        throw new IllegalArgumentException(
            "maxSteps must be 1 to 5 (programs have 1-5 steps; 2 keeps"
                + " the introductory problems, 3 adds the interview ones), got "
                + maxSteps);
      }
      if (!path.isEmpty() && !Files.isDirectory(Path.of(path))) {
        throw new IllegalArgumentException(
            "list-programs path '"
                + path
                + "' is not a folder; give"
                + " one written by 'coderl benchmark generate list-programs', or leave path empty");
      }
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Problem> problems() {
    return problems;
  }

  /** The split loaded. */
  public String split() {
    return split;
  }

  /**
   * Accepts {@code 17}, {@code "17"}, {@code "test/17"} and {@code "list-programs/test/17"} (the
   * split, when named, must be the one loaded).
   */
  @Override
  public String problemId(String taskId) {
    Matcher m = TASK_ID.matcher(taskId.strip());
    if (!m.matches() || (m.group(1) != null && !m.group(1).equalsIgnoreCase(split))) {
      throw new IllegalArgumentException(
          "list-programs task id '"
              + taskId
              + "' not understood for"
              + " the "
              + split
              + " split; write 17, \"17\" or \""
              + ListPrograms.problemId(split, 17)
              + "\"");
    }
    return ListPrograms.problemId(split, Integer.parseInt(m.group(2)));
  }

  @Override
  public String defaultPromptFormat() {
    return ListProgramsFormat.NAME;
  }

  /** Builds {@code list-programs}. */
  public static final class Factory extends ParamsFactory<Benchmark, Params> {
    public Factory() {
      super(Params.class);
    }

    @Override
    protected Benchmark build(Params p) {
      Optional<Path> dir = p.path().isEmpty() ? Optional.empty() : Optional.of(Path.of(p.path()));
      List<Problem> problems =
          ProblemFiles.read(dir, p.split()).stream().filter(q -> steps(q) <= p.maxSteps()).toList();
      return new ListProgramsBenchmark(problems, p.split());
    }

    private static int steps(Problem q) {
      return q.metadata().get(ListPrograms.STEPS).split(" \\| ").length;
    }
  }
}
