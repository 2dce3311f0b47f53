package dev.coderl4j.core.benchmark;

import dev.coderl4j.core.problem.Problem;
import java.util.List;

/**
 * How a problem becomes model input, and how a model's completion becomes a program.
 *
 * <p>Named plugins: CodeRL's APPS format ({@code coderl-apps}, §4 and CodeRL's {@code
 * generate.py}), MBPP as APPS-style call-based questions for zero-shot transfer ({@code mbpp-apps},
 * §4.4), the few-shot format of Austin et al. ({@code mbpp-few-shot}) and HumanEval's prompt
 * completion ({@code humaneval}). Extraction (stop sequences, code fences) belongs to the format
 * because only the format knows how its prompt ends.
 */
public interface PromptFormat {

  /** The text the model continues. */
  String prompt(Problem problem);

  /** Sequences at which generation should stop; the completion is cut at the first one. */
  List<String> stopSequences();

  /** The complete program that a completion (the text generated after the prompt) stands for. */
  String program(Problem problem, String completion);
}
