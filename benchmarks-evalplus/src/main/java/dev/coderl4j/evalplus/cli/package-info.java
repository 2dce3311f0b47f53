/**
 * The command this module adds to the CLI through a {@link
 * dev.coderl4j.core.plugin.CommandContribution}: {@code coderl bench evalplus}, the runners on a
 * full HumanEval+ or MBPP+ sample set.
 */
package dev.coderl4j.evalplus.cli;
