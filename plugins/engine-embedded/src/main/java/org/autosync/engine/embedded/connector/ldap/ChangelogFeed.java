package org.autosync.engine.embedded.connector.ldap;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.RootDSE;
import com.unboundid.ldap.sdk.SearchResultEntry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.autosync.api.engine.ResultCodes;
import org.autosync.engine.embedded.connector.ConnectorException;
import org.jspecify.annotations.Nullable;

/**
 * The draft-good-ldap-changelog feed: entries {@code changeNumber=N,cn=changelog} announced by the
 * root DSE's {@code changelog}, {@code firstChangeNumber} and {@code lastChangeNumber}. The
 * watermark is the last change number read; {@code 0} stands for an empty log.
 *
 * <p>Reads in change-number ranges of at most the page size, so memory stays bounded however far
 * behind the watermark is. Immutable and thread-safe.
 */
final class ChangelogFeed implements ChangeFeed {

  private static final String[] ATTRIBUTES =
      {"changeNumber", "targetDN", "changeType", "newRDN", "newSuperior"};

  private final LdapSettings settings;

  ChangelogFeed(LdapSettings settings) {
    this.settings = settings;
  }

  @Override
  public String currentWatermark(LDAPConnection connection)
      throws LDAPException, ConnectorException {
    return Long.toString(bounds(connection).last());
  }

  @Override
  public String read(LDAPConnection connection, String watermark, Sink sink)
      throws LDAPException, ConnectorException {
    long from = parse(watermark);
    Bounds log = bounds(connection);
    if (log.last() < from) {
      throw fullImportRequired("the change log restarted: its last change number is "
          + log.last() + ", below the watermark " + from);
    }
    if (log.last() == from) {
      return Long.toString(from);
    }
    if (log.first() > from + 1) {
      throw trimmed(from, log.first());
    }
    long lastRead = from;
    for (long next = from + 1; next <= log.last(); ) {
      long to = Math.min(log.last(), next + settings.pageSize() - 1);
      List<SearchResultEntry> batch = new ArrayList<>();
      Filter range = Filter.createANDFilter(
          Filter.createGreaterOrEqualFilter("changeNumber", Long.toString(next)),
          Filter.createLessOrEqualFilter("changeNumber", Long.toString(to)));
      EntryReader.search(connection, log.base(), range, ATTRIBUTES, settings.pageSize(),
          batch::add);
      batch.sort(Comparator.comparingLong(ChangelogFeed::number));
      for (SearchResultEntry entry : batch) {
        long number = number(entry);
        if (number <= lastRead) {
          continue;
        }
        if (lastRead == from && number != from + 1) {
          throw trimmed(from, number);
        }
        parse(entry, "changeNumber=" + number, sink);
        lastRead = number;
      }
      next = to + 1;
    }
    if (lastRead == from) {
      throw trimmed(from, log.first());
    }
    return Long.toString(lastRead);
  }

  private record Bounds(String base, long first, long last) {}

  private Bounds bounds(LDAPConnection connection) throws LDAPException, ConnectorException {
    RootDSE root = connection.getRootDSE();
    String base = root == null ? null : root.getAttributeValue("changelog");
    Long first = root == null ? null : root.getAttributeValueAsLong("firstChangeNumber");
    Long last = root == null ? null : root.getAttributeValueAsLong("lastChangeNumber");
    if (base == null) {
      throw new ConnectorException(ResultCodes.NO_START_CHANGE_LOG_NOT_ENABLED, "Cannot read"
          + " changes from " + LdapFailures.server(settings) + " because its root DSE announces"
          + " no change log (no changelog attribute); enable the cn=changelog, or set delta to"
          + " 'accesslog' (OpenLDAP) or 'none'");
    }
    // A server may leave the numbers out while its log is empty.
    return new Bounds(base, first == null ? 0 : first, last == null ? 0 : last);
  }

  private static long number(Entry entry) {
    Long number = entry.getAttributeValueAsLong("changeNumber");
    return number == null ? -1 : number;
  }

  private static void parse(Entry entry, String position, Sink sink) {
    String type = entry.getAttributeValue("changeType");
    String target = entry.getAttributeValue("targetDN");
    if (type == null || target == null) {
      sink.unreadable(position, "the change record lacks changeType or targetDN");
      return;
    }
    try {
      DN dn = new DN(target);
      ChangeRecord.Kind kind = switch (type.toLowerCase(Locale.ROOT)) {
        case "add" -> ChangeRecord.Kind.ADD;
        case "modify" -> ChangeRecord.Kind.MODIFY;
        case "delete" -> ChangeRecord.Kind.DELETE;
        case "moddn", "modrdn" -> ChangeRecord.Kind.RENAME;
        default -> null;
      };
      if (kind == null) {
        sink.unreadable(position, "unknown changeType '" + type + "'");
      } else if (kind == ChangeRecord.Kind.RENAME) {
        sink.change(new ChangeRecord(kind, dn, renamed(dn, entry.getAttributeValue("newRDN"),
            entry.getAttributeValue("newSuperior")), position));
      } else {
        sink.change(new ChangeRecord(kind, dn, null, position));
      }
    } catch (LDAPException e) {
      sink.unreadable(position, "the change record cannot be read (" + e.getMessage() + ")");
    }
  }

  /** The DN after a rename: the new RDN under the new superior, or under the old parent. */
  static DN renamed(DN target, @Nullable String newRdn, @Nullable String newSuperior)
      throws LDAPException {
    if (newRdn == null) {
      throw new LDAPException(com.unboundid.ldap.sdk.ResultCode.DECODING_ERROR,
          "a rename of '" + target + "' without a new RDN");
    }
    DN parent = newSuperior != null ? new DN(newSuperior) : target.getParent();
    RDN rdn = new RDN(newRdn);
    return parent == null ? new DN(rdn) : new DN(rdn, parent);
  }

  private long parse(String watermark) throws ConnectorException {
    try {
      long value = Long.parseLong(watermark.strip());
      if (value >= 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw fullImportRequired("the watermark '" + watermark + "' is not a change number");
  }

  private ConnectorException trimmed(long watermark, long first) {
    return fullImportRequired("the change log was trimmed past the watermark: it starts at change"
        + " number " + first + " but the next change to read is " + (watermark + 1));
  }

  private ConnectorException fullImportRequired(String why) {
    return new ConnectorException(ResultCodes.NO_START_FULL_IMPORT_REQUIRED, "Cannot read changes"
        + " from " + LdapFailures.server(settings) + " because " + why + "; run a full import");
  }
}
