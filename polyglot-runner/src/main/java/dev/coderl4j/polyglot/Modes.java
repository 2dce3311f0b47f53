package dev.coderl4j.polyglot;

import java.util.Arrays;
import java.util.function.Function;

/**
 * Reads a runner mode (an enum) from its name in a config, with the one message for every mode:
 * which param, which names it takes, what it got (§3.3's runners are configured by name).
 */
public final class Modes {
  private Modes() {}

  /**
   * The constant of {@code type} whose {@code label} is {@code name}.
   *
   * @param param the config param, for the message
   * @throws IllegalArgumentException naming the param and the accepted names
   */
  public static <E extends Enum<E>> E parse(
      Class<E> type, Function<E, String> label, String param, String name) {
    for (E e : type.getEnumConstants()) {
      if (label.apply(e).equals(name)) {
        return e;
      }
    }
    String known =
        String.join("\" or \"", Arrays.stream(type.getEnumConstants()).map(label).toList());
    throw new IllegalArgumentException(param + " must be \"" + known + "\", got \"" + name + "\"");
  }
}
