/** The plugin host: loads trigger and engine plugins (pf4j) and reports the ones that fail. */
@NullMarked
package org.autosync.host.plugins;

import org.jspecify.annotations.NullMarked;
