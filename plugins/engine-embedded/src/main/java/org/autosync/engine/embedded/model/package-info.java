/**
 * The embedded engine's state: connector spaces, the metaverse, watermarks and run history, held
 * in memory with indexes, and committed to an embedded database one step at a time.
 */
@NullMarked
package org.autosync.engine.embedded.model;

import org.jspecify.annotations.NullMarked;
