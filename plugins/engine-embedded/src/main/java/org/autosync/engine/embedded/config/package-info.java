/**
 * The embedded engine's configuration: its block of the AutoSync YAML file bound to records, and
 * the checks that reject an invalid model before anything runs.
 */
@NullMarked
package org.autosync.engine.embedded.config;

import org.jspecify.annotations.NullMarked;
