package dev.coderl4j.spark;

import com.google.inject.Inject;
import com.google.inject.Injector;
import dev.coderl4j.core.exec.ExecutionJob;
import dev.coderl4j.core.exec.ExecutionResult;
import dev.coderl4j.core.exec.ProgramRunner;
import dev.coderl4j.core.plugin.ParamsFactory;
import dev.coderl4j.core.plugin.PluginFactory;
import dev.coderl4j.core.plugin.PluginResolver;
import dev.coderl4j.core.plugin.PluginSpec;
import dev.coderl4j.core.plugin.Plugins;
import dev.coderl4j.core.plugin.UnknownPluginException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SimpleFutureAction;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.rdd.RDD;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.AbstractFunction0;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/**
 * The {@code spark} runner: another runner's {@link ProgramRunner#runAll} spread over a Spark
 * cluster, for the execution step of §3.3 (Eq. 4–7) at the paper's scale.
 *
 * <p>The jobs are cut into partitions of {@link SparkParams#jobsPerTask} jobs; each Spark task
 * hands its partition to the inner runner of its executor JVM (made once per JVM, see {@link
 * ExecutorRunners}). Results come back a task at a time, are told to the listener as they arrive
 * and are returned in input order. When an executor dies, Spark runs its unfinished tasks again
 * elsewhere; a task's results reach the caller once, when it succeeds. Outcomes are the inner
 * runner's own: every field of each result crosses the wire ({@link Wire}).
 */
public final class SparkRunner implements ProgramRunner {
  /** The plugin name. */
  public static final String NAME = "spark";

  private static final long POLL_MILLIS = 200;

  private final SparkParams params;
  private final String master;
  private final boolean cluster;
  private final SparkContext context;
  private final JavaSparkContext java;
  private final String runnerSpec;
  private final Wire wire = new Wire();

  /**
   * Builds the runner. The inner runner's name and params are checked here, on the driver, so that
   * a typo fails at once with the usual message instead of in every task on the cluster.
   */
  public static final class Factory extends ParamsFactory<ProgramRunner, SparkParams> {
    private final PluginResolver resolver;
    private final Injector injector;

    @Inject
    public Factory(PluginResolver resolver, Injector injector) {
      super(SparkParams.class);
      this.resolver = resolver;
      this.injector = injector;
    }

    @Override
    protected ProgramRunner build(SparkParams params) {
      PluginSpec inner = params.innerRunner();
      var factories = injector.getInstance(Plugins.mapKey(ProgramRunner.class));
      PluginFactory<ProgramRunner> factory = factories.get(inner.type());
      if (factory == null) {
        throw new UnknownPluginException(ProgramRunner.class, inner.type(), factories.keySet());
      }
      resolver.readParams(ProgramRunner.class, inner, factory.paramsType());
      return new SparkRunner(params);
    }
  }

  /**
   * Starts a Spark context on {@code params.master()}.
   *
   * @throws IllegalArgumentException when a {@code spark://} master cannot be reached within {@link
   *     SparkParams#connectTimeoutSeconds}, or Spark rejects the master
   */
  public SparkRunner(SparkParams params) {
    this.params = params;
    SparkConf conf = new SparkConf(true);
    this.master =
        !params.master().isEmpty() ? params.master() : conf.get("spark.master", "local[*]");
    this.cluster = !master.startsWith("local");
    if (master.startsWith("spark://")) {
      probe(master, params.connectTimeoutSeconds());
    }
    conf.setMaster(master).setAppName(conf.get("spark.app.name", "coderl4j"));
    // No web UI: nothing here looks at it, and it would take a port per driver.
    conf.setIfMissing("spark.ui.enabled", "false");
    if (!cluster) {
      // Local mode talks to itself only: keep its ports on the loopback address.
      conf.setIfMissing("spark.driver.host", "127.0.0.1");
      conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
    }
    String plugins = conf.get("spark.plugins", "");
    conf.set(
        "spark.plugins",
        (plugins.isEmpty() ? "" : plugins + ",") + ExecutorRunners.Plugin.class.getName());
    params.conf().forEach(conf::set);
    try {
      this.context = new SparkContext(conf);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "spark runner: Spark could not start on master '"
              + master
              + "': "
              + firstLine(e)
              + " (fix params.master, e.g. local[2] or spark://HOST:7077)",
          e);
    }
    this.java = JavaSparkContext.fromSparkContext(context);
    this.runnerSpec = wire.spec(params.innerRunner());
  }

  /** The params this runner was built with. */
  public SparkParams params() {
    return params;
  }

  /** The master this runner's context runs on. */
  public String master() {
    return master;
  }

  @Override
  public ExecutionResult run(ExecutionJob job) {
    return runAll(List.of(job), RunListener.NONE).getFirst();
  }

  @Override
  public List<ExecutionResult> runAll(List<ExecutionJob> jobs, RunListener listener) {
    int n = jobs.size();
    if (n == 0) {
      return List.of();
    }
    List<Wire.Job> wired = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      wired.add(wire.job(i, jobs.get(i)));
    }
    int tasks =
        Math.min(
            n,
            Math.max(
                context.defaultParallelism(),
                (n + params.jobsPerTask() - 1) / params.jobsPerTask()));
    RDD<Wire.Job> rdd = java.parallelize(wired, tasks).rdd();
    BlockingQueue<List<Wire.Result>> arrived = new LinkedBlockingQueue<>();
    List<Object> partitions = new ArrayList<>(tasks);
    for (int p = 0; p < tasks; p++) {
      partitions.add(p);
    }
    Seq<Object> all = CollectionConverters.asScala(partitions).toList();
    SimpleFutureAction<BoxedUnit> job =
        context.submitJob(
            rdd, new PartitionTask(runnerSpec), all, new Arrived(arrived), new Unit());
    ExecutionResult[] out = new ExecutionResult[n];
    int done = 0;
    long lonelySince = -1;
    try {
      while (done < n) {
        List<Wire.Result> batch = arrived.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
        if (batch != null) {
          // Told here, on the caller's thread, not on Spark's scheduler thread that delivered it.
          for (Wire.Result r : batch) {
            ExecutionResult result = wire.result(r);
            out[r.index()] = result;
            listener.finished(r.index(), result);
            done++;
          }
          continue;
        }
        if (job.isCompleted()) {
          failIfFailed(job);
          if (arrived.isEmpty()) {
            throw new IllegalStateException(
                "spark runner: the Spark job ended with " + done + " of " + n + " results");
          }
          continue;
        }
        lonelySince = watchExecutors(job, lonelySince);
      }
    } catch (InterruptedException e) {
      job.cancel();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("spark runner: interrupted; the Spark job was cancelled", e);
    }
    return Collections.unmodifiableList(Arrays.asList(out));
  }

  /**
   * Fails the job once no executor has been alive for {@link SparkParams#executorTimeoutSeconds}
   * (Spark itself would wait for one for ever); returns when the lonely spell began, or -1.
   */
  private long watchExecutors(SimpleFutureAction<BoxedUnit> job, long lonelySince) {
    if (!cluster) {
      return -1;
    }
    // The list includes the driver.
    boolean none = context.statusTracker().getExecutorInfos().length <= 1;
    if (!none) {
      return -1;
    }
    long now = System.nanoTime();
    if (lonelySince < 0) {
      return now;
    }
    if (now - lonelySince > (long) (params.executorTimeoutSeconds() * 1e9)) {
      job.cancel();
      throw new IllegalStateException(
          "spark runner: no executor on master "
              + master
              + " for "
              + params.executorTimeoutSeconds()
              + " s; start workers with free cores, or raise"
              + " executorTimeoutSeconds");
    }
    return lonelySince;
  }

  private static void failIfFailed(SimpleFutureAction<BoxedUnit> job) {
    try {
      job.get();
    } catch (SparkException | RuntimeException e) {
      // The CLI prints an exception's message and its causes' on one line each: Spark's carry the
      // remote stack trace, so the cause goes in as suppressed (CODERL_DEBUG=1 still shows it).
      IllegalStateException failure =
          new IllegalStateException("spark runner: the Spark job failed: " + describe(e));
      failure.addSuppressed(e);
      throw failure;
    }
  }

  /** A Spark job failure in one line: what Spark says, and the task's innermost cause. */
  static String describe(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null
        && String.valueOf(t.getMessage()).startsWith("Exception thrown in")) {
      t = t.getCause();
    }
    String m = String.valueOf(t.getMessage());
    String root = null;
    int at = m.lastIndexOf("Caused by: ");
    if (at >= 0) {
      root = firstLine(m.substring(at + "Caused by: ".length()));
    }
    String first = firstLine(m);
    return root == null || first.contains(root) ? first : first + "; caused by " + root;
  }

  /** Checks that one of the masters of a {@code spark://h1:p1,h2:p2} URL accepts connections. */
  static void probe(String master, double timeoutSeconds) {
    String failure = "";
    for (String hostPort : master.substring("spark://".length()).split(",")) {
      int colon = hostPort.lastIndexOf(':');
      if (colon < 0) {
        throw new IllegalArgumentException(
            "spark runner: master '"
                + master
                + "' has no port; write spark://HOST:PORT (7077 is Spark's default)");
      }
      String host = hostPort.substring(0, colon);
      int port;
      try {
        port = Integer.parseInt(hostPort.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "spark runner: master '"
                + master
                + "' has a bad port; write spark://HOST:PORT (7077 is Spark's default)");
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(host, port), (int) (timeoutSeconds * 1000));
        return;
      } catch (IOException e) {
        failure =
            e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
      }
    }
    throw new IllegalArgumentException(
        "spark runner: cannot reach the Spark master "
            + master
            + " within "
            + timeoutSeconds
            + " s ("
            + failure
            + "); start it (sbin/start-master.sh)"
            + " or fix params.master");
  }

  private static String firstLine(Throwable e) {
    return firstLine(String.valueOf(e.getMessage()));
  }

  private static String firstLine(String m) {
    // Spark's job failures quote the task's exception with its stack: keep its first line only.
    int cut = m.indexOf('\n');
    return (cut < 0 ? m : m.substring(0, cut)).strip();
  }

  @Override
  public void close() {
    // Stops the executors, whose plugin closes their inner runners (in local mode, this JVM's).
    context.stop();
  }

  /** Spark's result handler: runs on the scheduler's thread, so it only hands the batch over. */
  private static final class Arrived
      extends AbstractFunction2<Object, ArrayList<Wire.Result>, BoxedUnit> {
    private final BlockingQueue<List<Wire.Result>> queue;

    Arrived(BlockingQueue<List<Wire.Result>> queue) {
      this.queue = queue;
    }

    @Override
    public BoxedUnit apply(Object partition, ArrayList<Wire.Result> results) {
      queue.add(results);
      return BoxedUnit.UNIT;
    }
  }

  /** The job's overall value, which nothing uses. */
  private static final class Unit extends AbstractFunction0<BoxedUnit> {
    @Override
    public BoxedUnit apply() {
      return BoxedUnit.UNIT;
    }
  }
}
