package dev.coderl4j.models.hf;

import ai.djl.ndarray.NDManager;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Paths of the checkpoint fixtures and an NDManager for tests (one intra-op thread: the machine is
 * shared).
 */
final class HfFixtures {
  private HfFixtures() {}

  /** A folder under {@code src/test/resources/fixtures}, as copied to the test classpath. */
  static Path fixture(String name) {
    URL url = HfFixtures.class.getResource("/fixtures/" + name);
    if (url == null) {
      throw new IllegalStateException("fixture " + name + " is not on the test classpath");
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The embedded default actor, {@code models/codet5-small-ntp-py} at the repository root. */
  static Path defaultActor() {
    Path here = Path.of("").toAbsolutePath();
    for (Path p = here; p != null; p = p.getParent()) {
      Path candidate = p.resolve("models").resolve("codet5-small-ntp-py");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("models/codet5-small-ntp-py not found above " + here);
  }

  static NDManager manager() {
    // DJL reads these once, when the PyTorch engine starts; other engineers share the two cores.
    System.setProperty("ai.djl.pytorch.num_threads", "1");
    System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    return NDManager.newBaseManager("PyTorch");
  }
}
