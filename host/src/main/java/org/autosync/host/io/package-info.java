/** Small file helpers shared by the host's persisted state. */
@NullMarked
package org.autosync.host.io;

import org.jspecify.annotations.NullMarked;
