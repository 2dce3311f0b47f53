package dev.coderl4j.core.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.coderl4j.core.metrics.AtK;
import dev.coderl4j.core.metrics.Estimate;
import dev.coderl4j.core.metrics.GroupMetrics;
import dev.coderl4j.core.metrics.Metrics;
import dev.coderl4j.core.metrics.ProblemCounts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The summary of an evaluation: {@code summary.json}, {@code summary.md} and {@code pass_at_k.png}.
 *
 * <p>{@code summary.json} holds {@code pass_at_k} as an object from k (a string) to a fraction, for
 * every k no larger than every task's sample count; the others are listed in {@code
 * pass_at_k_not_estimated} with the reason (EvalPlus's rule: never estimate silently).
 *
 * <p>A benchmark with named groups of hidden tests (EvalPlus' {@code base}) adds {@code
 * pass_at_k_<group>} (and its {@code _ci95}) per group, a row per group in the table and a line per
 * group in the plot; {@code pass_at_k} stays the whole suite's.
 *
 * @param overall metrics over all tasks with samples
 * @param byDifficulty metrics per difficulty (APPS), in the paper's order
 * @param groups metrics over all tasks by hidden-test group, e.g. {@code base}
 * @param json the full summary as written to {@code summary.json}
 */
public record Summary(
    GroupMetrics overall,
    Map<String, GroupMetrics> byDifficulty,
    Map<String, GroupMetrics> groups,
    Map<String, Object> json) {

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /**
   * Computes the summary.
   *
   * @param context what the summary is of (benchmark, samples file, run statistics, provenance),
   *     copied to the top of the JSON
   * @param outcomes how many hidden-test runs ended in each outcome
   * @param groupCounts per group name, the counts with "correct" meaning the group passed
   * @param withoutSamples the benchmark's tasks no sample named, listed in the JSON
   */
  public static Summary of(
      List<ProblemCounts> counts,
      Map<String, List<ProblemCounts>> groupCounts,
      List<String> withoutSamples,
      Metrics metrics,
      Map<String, Object> context,
      Map<String, Long> outcomes,
      int tasksInBenchmark,
      List<String> difficultyOrder) {
    GroupMetrics overall = metrics.overall(counts);
    Map<String, GroupMetrics> raw = metrics.byDifficulty(counts);
    Map<String, GroupMetrics> by = new LinkedHashMap<>();
    difficultyOrder.forEach(
        d -> {
          if (raw.containsKey(d)) {
            by.put(d, raw.get(d));
          }
        });
    raw.forEach(by::putIfAbsent);
    Map<String, Object> json = new LinkedHashMap<>(context);
    json.put("tasks", counts.size());
    json.put("tasks_in_benchmark", tasksInBenchmark);
    json.put("tasks_without_samples", withoutSamples.size());
    json.put("tasks_without_samples_ids", withoutSamples);
    json.put("tasks_solved", counts.stream().filter(c -> c.correct() > 0).count());
    json.putAll(group(overall));
    Map<String, GroupMetrics> groups = new LinkedHashMap<>();
    groupCounts.forEach(
        (name, c) -> {
          GroupMetrics g = metrics.overall(c);
          groups.put(name, g);
          Map<String, Object> m = group(g);
          json.put("pass_at_k_" + name, m.get("pass_at_k"));
          json.put("pass_at_k_" + name + "_ci95", m.get("pass_at_k_ci95"));
        });
    Map<String, Object> byJson = new LinkedHashMap<>();
    by.forEach(
        (d, g) -> {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("tasks", g.problems());
          m.putAll(group(g));
          byJson.put(d, m);
        });
    json.put("by_difficulty", byJson);
    json.put("outcomes", outcomes);
    return new Summary(overall, by, groups, json);
  }

  private static Map<String, Object> group(GroupMetrics g) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("samples", g.samples());
    m.put("min_samples_per_task", g.minSamples());
    Map<String, Object> pass = new LinkedHashMap<>();
    Map<String, Object> passCi = new LinkedHashMap<>();
    Map<String, Object> passNot = new LinkedHashMap<>();
    g.passAtK().forEach((k, v) -> put(String.valueOf(k), v, pass, passCi, passNot));
    m.put("pass_at_k", pass);
    m.put("pass_at_k_ci95", passCi);
    m.put("pass_at_k_not_estimated", passNot);
    Map<String, Object> nk = new LinkedHashMap<>();
    Map<String, Object> nkCi = new LinkedHashMap<>();
    Map<String, Object> nkNot = new LinkedHashMap<>();
    g.nAtK().forEach((k, v) -> put(k, v, nk, nkCi, nkNot));
    m.put("n_at_k", nk);
    m.put("n_at_k_ci95", nkCi);
    m.put("n_at_k_not_estimated", nkNot);
    return m;
  }

  private static void put(
      String key,
      AtK v,
      Map<String, Object> value,
      Map<String, Object> ci,
      Map<String, Object> not) {
    switch (v) {
      case AtK.Value(Estimate e) -> {
        value.put(key, e.value());
        ci.put(key, List.of(e.ciLow(), e.ciHigh()));
      }
      case AtK.NotEstimated(String reason) -> not.put(key, reason);
    }
  }

  /** Writes the three files into {@code dir}, each replaced atomically. */
  public void write(Path dir, String title) {
    try {
      replace(dir.resolve("summary.json"), MAPPER.writeValueAsString(json) + "\n");
      replace(dir.resolve("summary.md"), markdown(title));
      Path tmp = dir.resolve("pass_at_k.png.tmp");
      PassAtKPlot.write(tmp, title, series());
      Files.move(
          tmp,
          dir.resolve("pass_at_k.png"),
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the summary into " + dir, e);
    }
  }

  private static void replace(Path file, String text) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, text, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** The plotted lines: overall, then each difficulty, as k to pass@k for estimated k. */
  Map<String, Map<Integer, Double>> series() {
    Map<String, Map<Integer, Double>> s = new LinkedHashMap<>();
    s.put("all", estimated(overall));
    groups.forEach((name, g) -> s.put("all (" + name + ")", estimated(g)));
    byDifficulty.forEach((d, g) -> s.put(d, estimated(g)));
    return s;
  }

  private static Map<Integer, Double> estimated(GroupMetrics g) {
    Map<Integer, Double> m = new LinkedHashMap<>();
    g.passAtK()
        .forEach(
            (k, v) -> {
              if (v instanceof AtK.Value(Estimate e)) {
                m.put(k, e.value());
              }
            });
    return m;
  }

  /** The Markdown table: one row per group, pass@k then n@k columns, with 95% intervals. */
  public String markdown(String title) {
    List<String> cols = new ArrayList<>();
    overall.passAtK().keySet().forEach(k -> cols.add("pass@" + k));
    cols.addAll(overall.nAtK().keySet());
    StringBuilder sb = new StringBuilder("# ").append(title).append("\n\n");
    sb.append("| group | tasks | samples | ").append(String.join(" | ", cols)).append(" |\n");
    sb.append("|---|---:|---:|").append("---:|".repeat(cols.size())).append("\n");
    row(sb, "all", overall);
    groups.forEach((name, g) -> row(sb, "all (" + name + " tests only)", g));
    byDifficulty.forEach((d, g) -> row(sb, d, g));
    sb.append("\nValues are percentages of tasks, with 95% bootstrap intervals over tasks. ")
        .append("\"n/a\" marks a k larger than some task's number of samples (not estimated).\n");
    return sb.toString();
  }

  private static void row(StringBuilder sb, String name, GroupMetrics g) {
    sb.append("| ")
        .append(name)
        .append(" | ")
        .append(g.problems())
        .append(" | ")
        .append(g.samples())
        .append(" |");
    g.passAtK().values().forEach(v -> sb.append(" ").append(cell(v)).append(" |"));
    g.nAtK().values().forEach(v -> sb.append(" ").append(cell(v)).append(" |"));
    sb.append("\n");
  }

  private static String cell(AtK v) {
    return switch (v) {
      case AtK.Value(Estimate e) ->
          String.format(
              Locale.ROOT, "%.2f [%.2f, %.2f]", 100 * e.value(), 100 * e.ciLow(), 100 * e.ciHigh());
      case AtK.NotEstimated n -> "n/a";
    };
  }
}
