/**
 * CodeRL's plugins (§3.3): the reward schemes, the critic, and Critic Sampling, bound by {@link
 * dev.coderl4j.plugins.coderl.CodeRlModule}.
 */
package dev.coderl4j.plugins.coderl;
