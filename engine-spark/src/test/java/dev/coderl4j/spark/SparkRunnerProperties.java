package dev.coderl4j.spark;

import dev.coderl4j.core.exec.ProgramRunner;
import dev.coderl4j.core.exec.ProgramRunnerContract;

/** The runner contract for the spark runner (local[2], GraalPy inside). */
class SparkRunnerProperties implements ProgramRunnerContract {
  @Override
  public ProgramRunner runner() {
    return LocalSpark.spark();
  }
}
