/** The AutoSync service: execution controller, triggers, time. */
@NullMarked
package org.autosync.host;

import org.jspecify.annotations.NullMarked;
