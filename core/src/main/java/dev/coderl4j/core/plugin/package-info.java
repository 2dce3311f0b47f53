/**
 * Named plugins: core owns one MapBinder per extension point, plugin modules add named factories,
 * and configs pick them with {@code {type, params}}.
 */
package dev.coderl4j.core.plugin;
