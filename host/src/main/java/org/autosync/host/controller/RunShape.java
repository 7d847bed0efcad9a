package org.autosync.host.controller;

import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a run (running, or waiting in line) needs from the others, as admission sees it.
 *
 * @param ma the MA it runs on
 * @param profile its profile's name
 * @param alone why it must run alone; null when it need not
 * @param syncSlot why it takes the engine-wide sync slot; null when it does not
 * @param lockGroup MAs it must never overlap (lockWith, both directions)
 * @param outside whether it was started outside AutoSync
 */
record RunShape(
    String ma,
    String profile,
    @Nullable String alone,
    @Nullable String syncSlot,
    Set<String> lockGroup,
    boolean outside) {

  String describe() {
    return "'" + ma + "' running '" + profile + "'" + (outside ? " (started outside AutoSync)" : "");
  }
}
