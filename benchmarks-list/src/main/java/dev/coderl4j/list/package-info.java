/**
 * The {@code list-programs} benchmark: generated list programs in the lineage of DeepCoder's DSL
 * (Balog et al., ICLR 2017; CodeRL §2.1), in the competence range of a small actor trained on a
 * CPU. Its generator ({@code coderl benchmark generate list-programs}), the bundled copy it wrote,
 * the loader and the prompt format (CodeRL's APPS call-based prompt, §4).
 */
package dev.coderl4j.list;
