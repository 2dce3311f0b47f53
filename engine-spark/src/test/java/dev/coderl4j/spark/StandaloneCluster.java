package dev.coderl4j.spark;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Spark standalone cluster on the loopback address: a master and workers, each a JVM of its own
 * started from Spark's {@code Master} and {@code Worker} classes on this JVM's class path, as
 * {@code sbin/start-master.sh} and {@code sbin/start-worker.sh} would start them.
 */
final class StandaloneCluster implements AutoCloseable {
  private static final String HOST = "127.0.0.1";

  private final Path home;
  private final int port;
  private final Process master;
  private final List<Process> workers = new ArrayList<>();

  /** Starts the master and {@code workers} workers of {@code coresEach} cores. */
  StandaloneCluster(Path dir, int workers, int coresEach) throws IOException, InterruptedException {
    // The worker builds each executor's class path from SPARK_HOME/jars; ours come from
    // spark.executor.extraClassPath instead, so the folder is empty.
    this.home = Files.createDirectories(dir.resolve("spark-home"));
    Files.createDirectories(home.resolve("jars"));
    this.port = freePort();
    this.master =
        start(
            "master",
            List.of(
                "org.apache.spark.deploy.master.Master",
                "--host",
                HOST,
                "--port",
                String.valueOf(port),
                "--webui-port",
                String.valueOf(freePort())));
    awaitPort(port, 120);
    for (int i = 0; i < workers; i++) {
      Path work = Files.createDirectories(dir.resolve("work-" + i));
      this.workers.add(
          start(
              "worker-" + i,
              List.of(
                  "org.apache.spark.deploy.worker.Worker",
                  masterUrl(),
                  "--host",
                  HOST,
                  "--cores",
                  String.valueOf(coresEach),
                  "--memory",
                  "2g",
                  "--webui-port",
                  String.valueOf(freePort()),
                  "--work-dir",
                  work.toString())));
    }
  }

  String masterUrl() {
    return "spark://" + HOST + ":" + port;
  }

  /** Spark's module flags and this JVM's Graal ones, for the cluster's JVMs and executors. */
  static List<String> jvmFlags() {
    List<String> flags = new ArrayList<>();
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("--add-opens")
          || a.startsWith("--enable-native-access")
          || a.startsWith("-Dio.netty")
          || a.startsWith("-Djdk.reflect")) {
        flags.add(a);
      }
    }
    return flags;
  }

  private Process start(String name, List<String> mainAndArgs) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx512m");
    cmd.addAll(jvmFlags());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.addAll(mainAndArgs);
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(home.getParent().resolve(name + ".log").toFile());
    Map<String, String> env = pb.environment();
    env.put("SPARK_HOME", home.toString());
    env.put("SPARK_SCALA_VERSION", "2.13");
    env.put("SPARK_LOCAL_IP", HOST);
    env.put("SPARK_NO_DAEMONIZE", "1");
    return pb.start();
  }

  /** Kills worker {@code i} and everything it started (its executor, the GraalPy workers). */
  void kill9(int i) throws InterruptedException {
    Process w = workers.get(i);
    List<ProcessHandle> all = new ArrayList<>(w.descendants().toList());
    all.add(w.toHandle());
    for (ProcessHandle h : all) {
      h.destroyForcibly(); // SIGKILL on Linux: no shutdown hook runs
    }
    w.waitFor();
  }

  @Override
  public void close() {
    List<Process> all = new ArrayList<>(workers);
    all.add(master);
    for (Process p : all) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      return s.getLocalPort();
    }
  }

  private static void awaitPort(int port, int seconds) throws InterruptedException, IOException {
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    while (System.nanoTime() < end) {
      try (Socket s = new Socket(HOST, port)) {
        return;
      } catch (IOException e) {
        Thread.sleep(200);
      }
    }
    throw new IOException(
        "the master did not listen on "
            + HOST
            + ":"
            + port
            + " within "
            + seconds
            + " s"
            + File.separator);
  }
}
