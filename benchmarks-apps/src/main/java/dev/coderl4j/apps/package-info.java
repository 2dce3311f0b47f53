/**
 * APPS (Hendrycks et al. 2021), CodeRL's training and evaluation benchmark (§4): validating loaders
 * for the original folder layout, the HF {@code codeparrot/apps} JSONL schema, CodeRL's
 * example-test file and the converted MapCoder/TeamCoder sets; CodeRL's prompt format; and the
 * {@code apps-compatible} output comparison run in the sandbox.
 */
package dev.coderl4j.apps;
