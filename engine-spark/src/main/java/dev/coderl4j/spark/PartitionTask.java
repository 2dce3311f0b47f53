package dev.coderl4j.spark;

import dev.coderl4j.core.exec.ExecutionJob;
import dev.coderl4j.core.exec.ExecutionResult;
import dev.coderl4j.core.exec.ProgramRunner;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import scala.collection.Iterator;
import scala.runtime.AbstractFunction1;

/**
 * The code of one Spark task, run on an executor: the partition's jobs go to the executor's inner
 * runner in one {@code runAll}, so they run as concurrently as that runner's worker pool allows.
 */
final class PartitionTask extends AbstractFunction1<Iterator<Wire.Job>, ArrayList<Wire.Result>>
    implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String runnerSpec;

  /** A task that runs its jobs on the runner {@code runnerSpec} (JSON) names. */
  PartitionTask(String runnerSpec) {
    this.runnerSpec = Objects.requireNonNull(runnerSpec, "runnerSpec");
  }

  @Override
  public ArrayList<Wire.Result> apply(Iterator<Wire.Job> partition) {
    Wire wire = new Wire();
    List<Integer> index = new ArrayList<>();
    List<ExecutionJob> jobs = new ArrayList<>();
    while (partition.hasNext()) {
      Wire.Job j = partition.next();
      index.add(j.index());
      jobs.add(wire.job(j));
    }
    List<ExecutionResult> results =
        ExecutorRunners.get(runnerSpec).runAll(jobs, ProgramRunner.RunListener.NONE);
    ArrayList<Wire.Result> out = new ArrayList<>(results.size());
    for (int i = 0; i < results.size(); i++) {
      out.add(wire.result(index.get(i), results.get(i)));
    }
    return out;
  }
}
