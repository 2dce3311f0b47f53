package dev.coderl4j.polyglot.graalpy;

import dev.coderl4j.core.exec.ProgramRunner;
import dev.coderl4j.core.exec.ProgramRunnerContract;
import dev.coderl4j.polyglot.Runners;

/** The runner contract for the GraalPy backend. */
class GraalPyRunnerProperties implements ProgramRunnerContract {
  @Override
  public ProgramRunner runner() {
    return Runners.graalpy();
  }
}
