/** The demo lab: two directories and a badge file on loopback, for trying AutoSync out. */
@NullMarked
package org.autosync.host.demo;

import org.jspecify.annotations.NullMarked;
