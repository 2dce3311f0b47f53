package dev.coderl4j.core.lm;

import java.util.List;

/**
 * Runs generated programs of one problem against that problem's example tests (§3.3, Fig. 3 step
 * 2).
 *
 * <p>Critic Sampling keeps the programs that pass. An implementation decodes the tokens into a
 * program as the benchmark's prompt format does and runs it with a {@link
 * dev.coderl4j.core.exec.ProgramRunner}; a problem without example tests passes nothing.
 */
@FunctionalInterface
public interface ExampleCheck {

  /** A check that passes nothing: Critic Sampling then falls back to plain sampling. */
  ExampleCheck NONE = programs -> java.util.Collections.nCopies(programs.size(), false);

  /** Whether each program (generated token ids, seed included) passes every example test. */
  List<Boolean> passes(List<Tokens> programs);
}
