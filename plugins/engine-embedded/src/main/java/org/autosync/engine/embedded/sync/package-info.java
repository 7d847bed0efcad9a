/**
 * The embedded engine's step semantics (ENGINE.md §2): staging imports, synchronizing into the
 * metaverse with join, projection, import flow, provisioning and export flow, and exporting.
 */
@NullMarked
package org.autosync.engine.embedded.sync;

import org.jspecify.annotations.NullMarked;
