package dev.coderl4j.polyglot.cpython;

import dev.coderl4j.core.exec.ProgramRunner;
import dev.coderl4j.core.exec.ProgramRunnerContract;
import dev.coderl4j.polyglot.Runners;
import org.junit.jupiter.api.Assumptions;

/** The runner contract for the CPython backend (skipped where no python3 is installed). */
class CPythonRunnerProperties implements ProgramRunnerContract {
  @Override
  public ProgramRunner runner() {
    Assumptions.assumeTrue(Runners.hasPython(), "python3 is not on the PATH");
    return Runners.cpython();
  }
}
