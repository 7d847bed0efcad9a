package org.autosync.engine.embedded.connector.ldap;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.autosync.engine.embedded.connector.ImportItem;

/**
 * Folds a run of change records into one outcome per object, so a delta import names each DN
 * once, with the last state winning.
 *
 * <p>Objects are followed through renames: an object renamed and then deleted is reported deleted
 * under the DN it had before the delta (the one the engine knows). An object moved out of the
 * partition is reported deleted; one moved into it is reported present. Objects still present are
 * read again once at the end, so the engine receives their current state; those without an object
 * class in scope are left out (the change log does not say whether they had one before, so an
 * object that loses its last class in scope stays until the next full import).
 *
 * <p>Not thread-safe: one collector serves one delta import.
 */
final class DeltaCollector implements ChangeFeed.Sink {

  private final DN partition;
  /** Objects that exist after the changes read: current DN to the DN the engine knows. */
  private final Map<DN, DN> live = new LinkedHashMap<>();
  /** Objects deleted (or gone from scope), by the DN the engine knows. */
  private final Set<DN> deleted = new LinkedHashSet<>();
  private final List<ImportItem.Unreadable> unreadable = new ArrayList<>();

  DeltaCollector(DN partition) {
    this.partition = partition;
  }

  @Override
  public void change(ChangeRecord change) {
    DN target = change.target();
    switch (change.kind()) {
      case ADD, MODIFY -> {
        if (inPartition(target)) {
          live.putIfAbsent(target, target);
        }
      }
      case DELETE -> {
        DN known = live.remove(target);
        if (known != null) {
          deleted.add(known);
        } else if (inPartition(target)) {
          deleted.add(target);
        }
      }
      case RENAME -> {
        DN known = live.remove(target);
        if (known == null && inPartition(target)) {
          known = target;
        }
        DN renamed = Objects.requireNonNull(change.newDn());
        if (inPartition(renamed)) {
          live.put(renamed, known == null ? renamed : known);
        } else if (known != null) {
          deleted.add(known);
        }
      }
      default -> throw new IllegalStateException("unknown change kind " + change.kind());
    }
  }

  @Override
  public void unreadable(String position, String reason) {
    unreadable.add(new ImportItem.Unreadable(position, reason));
  }

  /** The number of objects the changes touched. */
  int size() {
    return live.size() + deleted.size() + unreadable.size();
  }

  /**
   * Hands the outcome to {@code sink}: unreadable records, the current state of every in-scope
   * object still present, then deletions. An object gone since its last record read is left out:
   * the delete record that follows is read by the next delta.
   */
  void emit(LDAPConnection connection, EntryReader reader, Consumer<ImportItem> sink)
      throws LDAPException {
    unreadable.forEach(sink);
    Set<DN> reported = new LinkedHashSet<>();
    for (DN current : live.keySet()) {
      ImportItem item = reader.lookup(connection, current.toString());
      if (item != null) {
        sink.accept(item);
        reported.add(current);
      }
    }
    for (DN known : deleted) {
      if (!reported.contains(known)) {
        sink.accept(new ImportItem.Deleted(known.toString(), null));
      }
    }
  }

  private boolean inPartition(DN dn) {
    return dn.isDescendantOf(partition, true);
  }
}
