package dev.coderl4j.polyglot.graalpy;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryNotificationInfo;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import javax.management.NotificationEmitter;

/**
 * The worker's heap watch, one per worker JVM: when the old generation still holds more than {@link
 * #THRESHOLD} of its maximum after a collection, a program is growing without bound, and cancelling
 * now beats waiting seconds for the collector to give up. Every lane's running program is told
 * ({@link GuestRuntime#memoryTrouble}); with several lanes the runner then runs those jobs again
 * alone, so the one that filled the heap is found.
 */
final class MemoryWatch {
  /** The fraction of the old generation that counts as trouble. */
  static final double THRESHOLD = 0.85;

  private MemoryWatch() {}

  static void start(List<GuestRuntime> lanes) {
    List<MemoryPoolMXBean> watched = new ArrayList<>();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      // The old generation only: a survivor space is often nearly full after a young collection
      // (with a large -Xmn it crossed the threshold and every program got a MemoryError).
      if (pool.getType() == MemoryType.HEAP
          && pool.isCollectionUsageThresholdSupported()
          && pool.getUsage().getMax() > 0
          && !pool.getName().contains("Eden")
          && !pool.getName().contains("Survivor")) {
        pool.setCollectionUsageThreshold((long) (pool.getUsage().getMax() * THRESHOLD));
        watched.add(pool);
      }
    }
    NotificationEmitter emitter = (NotificationEmitter) ManagementFactory.getMemoryMXBean();
    emitter.addNotificationListener(
        (n, hb) -> {
          if (!MemoryNotificationInfo.MEMORY_COLLECTION_THRESHOLD_EXCEEDED.equals(n.getType())) {
            return;
          }
          // The notice comes after the collection, on another thread: the program that filled the
          // heap may have ended (timed out) since, and the next one must not pay for it. Collect
          // once more and act only if the heap is still that full.
          System.gc();
          if (watched.stream()
              .noneMatch(p -> p.getUsage().getUsed() >= p.getCollectionUsageThreshold())) {
            return;
          }
          lanes.forEach(GuestRuntime::memoryTrouble);
        },
        null,
        null);
  }
}
