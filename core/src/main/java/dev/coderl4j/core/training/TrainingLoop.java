package dev.coderl4j.core.training;

import dev.coderl4j.core.lm.Actor;
import dev.coderl4j.core.lm.StepStats;
import dev.coderl4j.core.lm.WeightedSequence;
import dev.coderl4j.core.progress.Progress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The optimiser loop shared by warm-start, critic training and RL: seeded epochs of batches,
 * metrics per step, checkpoints, and resumption from the last checkpoint.
 *
 * <p>Each step's loss is divided by the batch's {@code weight}: its target tokens for the actor
 * (the token mean of Hugging Face's cross-entropy, which CodeRL trains with), its samples for the
 * critic. Resuming reopens the model from the last checkpoint and skips the steps before it in the
 * same seeded order; optimiser moments are not part of a checkpoint and restart from zero.
 *
 * @param <T> a training item
 * @param <S> what the model trains on (weighted sequences, labelled samples)
 */
public final class TrainingLoop<T, S> {

  /** What a loop needs besides its items. */
  public record Settings(
      String stage, int epochs, int batchSize, int maxSteps, int checkpointEvery, long seed) {}

  /**
   * The end of a loop: where the model is and how fast it trained.
   *
   * @param weight tokens (actor) or samples (critic) trained on in this run
   * @param perSecond {@code weight} per second of optimiser time
   */
  public record Summary(
      String stage,
      long steps,
      long weight,
      double seconds,
      double perSecond,
      double firstLoss,
      double lastLoss,
      String checkpoint) {}

  /** A model being trained: an {@link Actor} or a {@link dev.coderl4j.core.critic.Critic}. */
  public interface Trainee<S> extends AutoCloseable {
    double accumulateGradients(List<S> batch, double scale);

    StepStats step();

    void save(Path dir);

    @Override
    void close();
  }

  /** An actor as a trainee on weighted sequences. */
  public static Trainee<WeightedSequence> of(Actor actor) {
    return new Trainee<>() {
      @Override
      public double accumulateGradients(List<WeightedSequence> batch, double scale) {
        return actor.accumulateGradients(batch, scale);
      }

      @Override
      public StepStats step() {
        return actor.step();
      }

      @Override
      public void save(Path dir) {
        actor.save(dir);
      }

      @Override
      public void close() {
        actor.close();
      }
    };
  }

  /** A critic as a trainee on labelled samples. */
  public static Trainee<dev.coderl4j.core.critic.LabelledSample> of(
      dev.coderl4j.core.critic.Critic critic) {
    return new Trainee<>() {
      @Override
      public double accumulateGradients(
          List<dev.coderl4j.core.critic.LabelledSample> batch, double scale) {
        return critic.accumulateGradients(batch, scale);
      }

      @Override
      public StepStats step() {
        return critic.step();
      }

      @Override
      public void save(Path dir) {
        critic.save(dir);
      }

      @Override
      public void close() {
        critic.close();
      }
    };
  }

  private final Settings settings;
  private final Function<List<T>, List<S>> sequences;
  private final java.util.function.ToLongFunction<List<S>> weight;
  private final Function<List<T>, Map<String, Object>> extraMetrics;

  /**
   * @param sequences what the model trains on for a batch of items
   * @param weight the divisor of a batch's summed loss (tokens, or samples)
   * @param extraMetrics more values for a step's metrics line (e.g. mean reward), may return empty
   */
  public TrainingLoop(
      Settings settings,
      Function<List<T>, List<S>> sequences,
      java.util.function.ToLongFunction<List<S>> weight,
      Function<List<T>, Map<String, Object>> extraMetrics) {
    this.settings = settings;
    this.sequences = sequences;
    this.weight = weight;
    this.extraMetrics = extraMetrics;
  }

  /** The token count of weighted sequences: the actor's loss divisor. */
  public static long tokens(List<WeightedSequence> seqs) {
    return Batches.tokens(seqs);
  }

  /** Steps in a full run over {@code items} (capped by {@code maxSteps}). */
  public long totalSteps(int items) {
    long perEpoch = (items + settings.batchSize() - 1) / settings.batchSize();
    long total = perEpoch * settings.epochs();
    return settings.maxSteps() > 0 ? Math.min(total, settings.maxSteps()) : total;
  }

  /**
   * Trains, or resumes, or returns at once if {@code dir} says the stage is done.
   *
   * @param initial the checkpoint to start from when there is none in {@code dir} (empty: the
   *     configured actor)
   * @return the final checkpoint and throughput
   */
  public Summary run(
      StageDir dir,
      Function<Optional<Path>, Trainee<S>> source,
      Optional<Path> initial,
      List<T> items) {
    Optional<StageDir.State> state = dir.state();
    if (state.isPresent() && state.get().done()) {
      return readSummary(dir);
    }
    if (items.isEmpty()) {
      throw new IllegalArgumentException(
          settings.stage() + ": nothing to train on; check the data config");
    }
    long resume = 0;
    Optional<Path> from = initial;
    if (state.isPresent()
        && !state.get().checkpoint().isEmpty()
        && Files.isDirectory(dir.resolve(state.get().checkpoint()))) {
      resume = state.get().step();
      from = Optional.of(dir.resolve(state.get().checkpoint()));
    }
    dir.truncateMetrics("metrics.jsonl", resume);
    long total = totalSteps(items.size());
    long step = 0;
    long tokensSeen = 0;
    double seconds = 0;
    double firstLoss = Double.NaN;
    double lastLoss = Double.NaN;
    String checkpoint = state.map(StageDir.State::checkpoint).orElse("");
    try (Trainee<S> actor = source.apply(from);
        Progress progress = Progress.stderr(settings.stage(), total)) {
      progress.advance(Math.min(resume, total));
      outer:
      for (int epoch = 0; epoch < settings.epochs(); epoch++) {
        for (List<T> batch :
            Batches.of(Batches.shuffled(items, settings.seed(), epoch), settings.batchSize())) {
          if (settings.maxSteps() > 0 && step >= settings.maxSteps()) {
            break outer;
          }
          step++;
          if (step <= resume) {
            continue;
          }
          List<S> seqs = sequences.apply(batch);
          long tokens = weight.applyAsLong(seqs);
          if (tokens == 0) {
            progress.advance(1);
            continue;
          }
          long t0 = System.nanoTime();
          double loss = actor.accumulateGradients(seqs, 1.0 / tokens);
          StepStats stats = actor.step();
          double dt = (System.nanoTime() - t0) / 1e9;
          seconds += dt;
          tokensSeen += tokens;
          if (Double.isNaN(firstLoss)) {
            firstLoss = loss;
          }
          lastLoss = loss;
          Map<String, Object> line = new LinkedHashMap<>();
          line.put("stage", settings.stage());
          line.put("step", step);
          line.put("epoch", epoch);
          line.put("loss", loss);
          line.put("weight", tokens);
          line.put("perSecond", tokens / Math.max(dt, 1e-9));
          line.put("gradNorm", stats.gradNorm());
          line.put("learningRate", stats.learningRate());
          line.putAll(extraMetrics.apply(batch));
          dir.appendJsonLine("metrics.jsonl", line);
          progress.advance(1);
          if (settings.checkpointEvery() > 0 && step % settings.checkpointEvery() == 0) {
            checkpoint = checkpoint(dir, actor, step, checkpoint);
          }
        }
        if (settings.checkpointEvery() == 0 && step > resume) {
          checkpoint = checkpoint(dir, actor, step, checkpoint);
        }
      }
      if (step > resume || checkpoint.isEmpty()) {
        checkpoint = checkpoint(dir, actor, step, checkpoint);
      }
    }
    Summary s =
        new Summary(
            settings.stage(),
            step - resume,
            tokensSeen,
            seconds,
            tokensSeen / Math.max(seconds, 1e-9),
            firstLoss,
            lastLoss,
            checkpoint);
    dir.writeJson("summary.json", s);
    dir.saveState(new StageDir.State(step, true, checkpoint));
    plotLoss(dir);
    return s;
  }

  /** The final checkpoint of a finished stage directory. */
  public static Path finalCheckpoint(StageDir dir) {
    return dir.state()
        .filter(StageDir.State::done)
        .map(s -> dir.resolve(s.checkpoint()))
        .orElseThrow(
            () -> new IllegalStateException(dir.path() + " has no finished stage; run it first"));
  }

  private static Summary readSummary(StageDir dir) {
    try {
      return StageDir.mapper().readValue(dir.resolve("summary.json").toFile(), Summary.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir.resolve("summary.json"), e);
    }
  }

  private static <S> String checkpoint(StageDir dir, Trainee<S> actor, long step, String previous) {
    String name = "checkpoint-" + step;
    Path target = dir.resolve(name);
    deleteTree(target);
    actor.save(target);
    dir.saveState(new StageDir.State(step, false, name));
    if (!previous.isEmpty() && !previous.equals(name)) {
      deleteTree(dir.resolve(previous));
    }
    return name;
  }

  private static void deleteTree(Path p) {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(p)) {
      for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(q);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete old checkpoint " + p, e);
    }
  }

  private void plotLoss(StageDir dir) {
    List<Map<String, Object>> lines = new ArrayList<>();
    for (var node :
        StageDir.readJsonLines(
            dir.resolve("metrics.jsonl"), com.fasterxml.jackson.databind.JsonNode.class)) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("step", node.path("step").asDouble());
      m.put("loss", node.path("loss").asDouble());
      lines.add(m);
    }
    List<Double> x = lines.stream().map(m -> (Double) m.get("step")).toList();
    List<Double> y = lines.stream().map(m -> (Double) m.get("loss")).toList();
    LinePlot.write(
        dir.resolve("loss.png"),
        settings.stage() + ": training loss",
        "step",
        "loss",
        List.of(
            new LinePlot.Series("loss", x, y),
            new LinePlot.Series("moving mean (10)", x, movingMean(y, 10))));
  }

  static List<Double> movingMean(List<Double> y, int window) {
    List<Double> out = new ArrayList<>(y.size());
    double sum = 0;
    for (int i = 0; i < y.size(); i++) {
      sum += y.get(i);
      if (i >= window) {
        sum -= y.get(i - window);
      }
      out.add(sum / Math.min(i + 1, window));
    }
    return out;
  }
}
