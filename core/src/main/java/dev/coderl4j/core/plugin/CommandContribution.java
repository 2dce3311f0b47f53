package dev.coderl4j.core.plugin;

import com.google.inject.Binder;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.MapBinder;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A subcommand that a module adds to the {@code coderl} command line (CLI tooling, not a paper
 * section).
 *
 * <p>A module binds one with {@link #bind} in its {@link PluginModule}; the CLI adds every bound
 * contribution under its parent at start-up, so the CLI names no class of the module. The command
 * is typed {@code Object} so that core's API carries no picocli types: {@link #factory} returns a
 * picocli {@code @Command} object (or a picocli {@code CommandLine}), built with the CLI's
 * injector, from which it takes what it needs (a {@link PluginResolver}, a module's own services).
 *
 * <pre>{@code CommandContribution.bind(binder(),
 *     new CommandContribution("bench", "lm", injector -> new BenchLmCommand(injector)));}</pre>
 *
 * @param parent the command it goes under: {@code "bench"} for {@code coderl bench NAME}, {@link
 *     #TOP_LEVEL} ({@code ""}) for {@code coderl NAME}
 * @param name the subcommand's name, kebab-case (e.g. {@code lm}, {@code exec})
 * @param factory makes the picocli command object from the CLI's injector
 */
public record CommandContribution(String parent, String name, Function<Injector, Object> factory) {

  /** The parent of a top-level command ({@code coderl NAME}). */
  public static final String TOP_LEVEL = "";

  private static final Pattern KEBAB = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

  public CommandContribution {
    Objects.requireNonNull(parent, "parent");
    Objects.requireNonNull(factory, "factory");
    if (name == null || !KEBAB.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "command name must be kebab-case (e.g. bench-lm), got '" + name + "'");
    }
    if (!parent.isEmpty() && !KEBAB.matcher(parent).matches()) {
      throw new IllegalArgumentException(
          "parent must be \"\" (top level) or a kebab-case command name, got '" + parent + "'");
    }
  }

  /** The command path, the key of the binding: {@code "bench lm"}, or {@code "lm"} at top level. */
  public String path() {
    return parent.isEmpty() ? name : parent + " " + name;
  }

  /** Builds the command object with {@code injector}. */
  public Object create(Injector injector) {
    return factory.apply(injector);
  }

  /** Binds {@code contribution} under its {@link #path()}: the one line a module adds. */
  public static void bind(Binder binder, CommandContribution contribution) {
    mapBinder(binder).addBinding(contribution.path()).toInstance(contribution);
  }

  /** The MapBinder from command paths to contributions (core's {@code CoreModule} declares it). */
  public static MapBinder<String, CommandContribution> mapBinder(Binder binder) {
    return MapBinder.newMapBinder(binder, String.class, CommandContribution.class);
  }

  /** The injection key of the map of contributions by command path. */
  public static Key<java.util.Map<String, CommandContribution>> mapKey() {
    return Key.get(new TypeLiteral<java.util.Map<String, CommandContribution>>() {});
  }
}
