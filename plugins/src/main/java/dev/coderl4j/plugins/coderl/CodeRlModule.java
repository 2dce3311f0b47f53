package dev.coderl4j.plugins.coderl;

import com.google.inject.AbstractModule;
import dev.coderl4j.core.lm.DecodingStrategy;
import dev.coderl4j.core.plugin.PluginModule;
import dev.coderl4j.core.plugin.Plugins;
import dev.coderl4j.core.reward.RewardScheme;
import dev.coderl4j.plugins.coderl.reward.BinaryReward;
import dev.coderl4j.plugins.coderl.reward.CodeRlReward;
import dev.coderl4j.plugins.coderl.reward.TestFractionReward;
import dev.coderl4j.plugins.coderl.sampling.CriticSamplingStrategy;

/**
 * Binds CodeRL's engine-free plugins: three reward schemes and Critic Sampling (the critics are in
 * models-djl).
 */
public final class CodeRlModule extends AbstractModule implements PluginModule {
  @Override
  protected void configure() {
    var rewards = Plugins.mapBinder(binder(), RewardScheme.class);
    rewards.addBinding(CodeRlReward.NAME).to(CodeRlReward.Factory.class);
    rewards.addBinding(BinaryReward.NAME).to(BinaryReward.Factory.class);
    rewards.addBinding(TestFractionReward.NAME).to(TestFractionReward.Factory.class);
    Plugins.mapBinder(binder(), DecodingStrategy.class)
        .addBinding(CriticSamplingStrategy.NAME)
        .to(CriticSamplingStrategy.Factory.class);
  }
}
