/**
 * The configuration file (DESIGN §8): {@link org.autosync.host.config.ConfigLoader} reads one YAML
 * file into an {@link org.autosync.host.config.AutoSyncConfig}, checking everything up front and
 * reporting every problem with its file, line, column and field path ({@link
 * org.autosync.host.config.ConfigException}); {@link org.autosync.host.config.ConfigPrinter} prints
 * the effective configuration with secrets masked.
 *
 * <p>Public: those four types and {@link org.autosync.host.config.ConfigError}. The binders of each
 * block, the YAML node helpers and the secret rules are package-private.
 *
 * <p>Operator documentation: {@code docs/configuration.md}; editor schema: {@code
 * docs/autosync.schema.json} (kept in step with {@link org.autosync.host.config.Keys} by a test).
 */
@NullMarked
package org.autosync.host.config;

import org.jspecify.annotations.NullMarked;
