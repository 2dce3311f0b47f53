/** {@code coderl bench evalplus}: the runners on a full HumanEval+ sample set. */
package dev.coderl4j.cli.evalplus;
