/**
 * The LM commands this module adds to the CLI through {@link
 * dev.coderl4j.core.plugin.CommandContribution}s: {@code coderl lm forward} (a checkpoint's forward
 * pass against the fixtures, §3.1) and the {@code coderl bench lm} benchmark against PyTorch.
 */
package dev.coderl4j.models.cli;
