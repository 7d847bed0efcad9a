package org.autosync.engine.embedded.connector;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One thing an import read: an entry as it is now, a deletion (delta imports only), or something
 * that could not be read (which becomes a discovery error, never a crash).
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface ImportItem {

  /** The object as the connected system holds it now (added, changed, renamed, or unchanged). */
  record Present(ConnectorEntry entry) implements ImportItem {
    public Present {
      Objects.requireNonNull(entry, "entry");
    }
  }

  /**
   * The object was deleted (delta imports). {@code anchor} is given when the connector knows it;
   * otherwise the engine finds the object by DN.
   */
  record Deleted(String dn, @Nullable String anchor) implements ImportItem {
    public Deleted {
      Objects.requireNonNull(dn, "dn");
    }
  }

  /**
   * An entry that could not be read.
   *
   * @param where where it is, such as "line 12" or a DN
   * @param reason what is wrong with it
   */
  record Unreadable(String where, String reason) implements ImportItem {
    public Unreadable {
      Objects.requireNonNull(where, "where");
      Objects.requireNonNull(reason, "reason");
    }
  }
}
