package dev.coderl4j.core.training;

import dev.coderl4j.core.benchmark.Benchmark;
import dev.coderl4j.core.benchmark.Completions;
import dev.coderl4j.core.benchmark.PromptFormat;
import dev.coderl4j.core.exec.ExecutionJob;
import dev.coderl4j.core.exec.ExecutionResult;
import dev.coderl4j.core.exec.ProgramRunner;
import dev.coderl4j.core.lm.TextTokenizer;
import dev.coderl4j.core.lm.Tokens;
import dev.coderl4j.core.problem.Problem;
import dev.coderl4j.core.problem.TestSuite;
import java.util.ArrayList;
import java.util.List;

/**
 * The glue between problems, token ids and programs: prompts to source tokens, reference solutions
 * to target tokens, generated tokens back to programs, and programs to execution results.
 *
 * @param format writes prompts and turns completions into programs
 * @param tokenizer the actor's tokenizer
 * @param maxSourceTokens prompt tokens kept (the first ones, as CodeRL truncates)
 * @param maxTargetTokens solution tokens kept, end of sequence included
 */
public record Tasks(
    PromptFormat format, TextTokenizer tokenizer, int maxSourceTokens, int maxTargetTokens) {

  /** The prompt's token ids, truncated. */
  public Tokens source(Problem problem) {
    return tokenizer.encode(format.prompt(problem), true).prefix(maxSourceTokens);
  }

  /**
   * A reference solution as a training target: its ids and then end of sequence, so that the actor
   * learns to stop; a solution longer than the limit is cut and gets no end of sequence.
   */
  public Tokens target(String solution) {
    Tokens ids = tokenizer.encode(solution, false);
    return ids.size() < maxTargetTokens
        ? ids.append(tokenizer.eosId())
        : ids.prefix(maxTargetTokens);
  }

  /**
   * A generated sequence as a training target: end of sequence appended when generation ended so.
   */
  public Tokens generated(Tokens ids, boolean finished) {
    Tokens t = finished ? ids.append(tokenizer.eosId()) : ids;
    return t.prefix(maxTargetTokens);
  }

  /** Training tasks for {@code problems}; problems without reference solutions get none. */
  public List<TrainingTask> encode(List<Problem> problems, int solutionsPerProblem) {
    List<TrainingTask> out = new ArrayList<>(problems.size());
    for (Problem p : problems) {
      List<String> sols =
          solutionsPerProblem > 0 && p.solutions().size() > solutionsPerProblem
              ? p.solutions().subList(0, solutionsPerProblem)
              : p.solutions();
      out.add(new TrainingTask(p, source(p), sols.stream().map(this::target).toList()));
    }
    return out;
  }

  /**
   * The completion that generated ids stand for: decoded and cut at the format's stop sequences, as
   * a samples file holds it ({@link PromptFormat#program} turns it into the program).
   */
  public String completion(Tokens generated) {
    return Completions.cutAtStops(tokenizer.decode(generated), format.stopSequences());
  }

  /** The program that generated ids stand for: the {@link #completion}, completed by the format. */
  public String program(Problem problem, Tokens generated) {
    return format.program(problem, completion(generated));
  }

  /** One program to run against one suite of one problem. */
  public record Run(String jobId, Problem problem, String program, TestSuite tests) {}

  /** Runs programs through the benchmark's jobs on {@code runner}, results in input order. */
  public static List<ExecutionResult> execute(
      Benchmark benchmark,
      ProgramRunner runner,
      List<Run> runs,
      ProgramRunner.RunListener listener) {
    List<ExecutionJob> jobs = new ArrayList<>(runs.size());
    for (Run r : runs) {
      jobs.add(benchmark.job(r.jobId(), r.problem(), r.program(), r.tests()));
    }
    List<ExecutionResult> raw = runner.runAll(jobs, listener);
    return raw.stream().map(benchmark::interpret).toList();
  }
}
