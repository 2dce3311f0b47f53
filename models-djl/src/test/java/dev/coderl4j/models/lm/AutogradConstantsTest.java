package dev.coderl4j.models.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Gradients through constants stay right when the garbage collector runs between the forward and
 * the backward pass (DJL's {@code x.mul(0.5f)} would let autograd read a freed buffer then: the
 * NaNs seen in critic training before {@link Ops#constant}).
 */
class AutogradConstantsTest {

  @Test
  void geluNewAndScaledScoresGradientsSurviveACollection() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      float[] xs = new float[4096];
      for (int i = 0; i < xs.length; i++) {
        xs[i] = (float) Math.sin(0.37 * i) * 3f;
      }
      NDArray x = m.create(xs, new Shape(xs.length));
      x.setRequiresGradient(true);
      Autograd.recording(
          () -> {
            NDArray y = Activation.GELU_NEW.apply(x).add(Ops.scale(x, 0.125)).sum();
            // Free what can be freed, and fill memory that was freed with NaNs.
            List<ByteBuffer> junk = new ArrayList<>();
            for (int round = 0; round < 5; round++) {
              System.gc();
              for (int k = 0; k < 64; k++) {
                ByteBuffer b = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder());
                b.putFloat(0, Float.NaN);
                junk.add(b);
              }
            }
            Autograd.backward(y);
            return junk.size();
          });
      float[] g = x.getGradient().toFloatArray();
      double c = Math.sqrt(2 / Math.PI);
      for (int i = 0; i < xs.length; i++) {
        double v = xs[i];
        double u = c * (v + 0.044715 * v * v * v);
        double t = Math.tanh(u);
        double dGelu = 0.5 * (1 + t) + 0.5 * v * (1 - t * t) * c * (1 + 3 * 0.044715 * v * v);
        assertEquals(dGelu + 0.125, g[i], 1e-4, "d/dx at x = " + v);
      }
    }
  }
}
