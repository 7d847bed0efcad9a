/** The {@code autosync} command line. */
@NullMarked
package org.autosync.host.cli;

import org.jspecify.annotations.NullMarked;
