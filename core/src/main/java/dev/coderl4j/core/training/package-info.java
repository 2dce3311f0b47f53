/**
 * CodeRL's training and generation procedures over the core SPIs (§3.3, Fig. 2–3): the return
 * estimates of Table 2 that turn rewards and critic values into token weights (Eq. 8–10), the
 * resumable stages warm-start, sample, critic and RL, and Critic Sampling. Engine-free: everything
 * here drives an {@link dev.coderl4j.core.lm.Actor}, a {@link dev.coderl4j.core.critic.Critic} and
 * a {@link dev.coderl4j.core.exec.ProgramRunner}.
 */
package dev.coderl4j.core.training;
