/**
 * The run layer (§3.3, §4, §4.1): CodeRL's stage sequence ({@link
 * dev.coderl4j.core.run.TrainPipeline}), generation into samples files ({@link
 * dev.coderl4j.core.run.GenerateFromConfig}), the one evaluation path ({@link
 * dev.coderl4j.core.run.Evaluation}) and the quick start ({@link
 * dev.coderl4j.core.run.Quickstart}), built on the SPIs only so that the CLI is option parsing and
 * Guice wiring.
 */
package dev.coderl4j.core.run;
