/**
 * The YAML run configuration: a tree of validated records read by Jackson, with a {@link
 * dev.coderl4j.core.plugin.PluginSpec} {@code {type, params}} in every plugin slot and one record
 * per training stage (warm-start, sample, critic, RL, generate; §3.3 and §4.1). Unknown keys fail;
 * {@link dev.coderl4j.core.config.ConfigLoader} reports errors with the file and line. Defaults are
 * the paper's values, or CodeRL's repository's where the paper gives none.
 */
package dev.coderl4j.core.config;
