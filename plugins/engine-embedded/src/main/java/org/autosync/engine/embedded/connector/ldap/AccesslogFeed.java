package org.autosync.engine.embedded.connector.ldap;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResultEntry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.autosync.api.engine.ResultCodes;
import org.autosync.engine.embedded.connector.ConnectorException;

/**
 * OpenLDAP's accesslog overlay as a feed: one {@code auditWriteObject} entry per write under the
 * log database ({@code cn=accesslog}), named by its {@code reqStart} time. The watermark is the
 * {@code reqStart} of the last record read; {@code 0} stands for an empty log. Only successful
 * writes ({@code reqResult=0}) count.
 *
 * <p>The log must still hold the watermark's record: when {@code logpurge} removed it, writes
 * after it may be gone too, and a full import is required (so a directory without writes for
 * longer than the purge age needs a full import). Finding the newest record reads every record's
 * {@code reqStart}, once per full import. Records are taken in {@code reqStart} order, the order
 * in which writes started: should two concurrent writes be logged in the other order, a delta
 * that runs between the two log writes would skip the earlier one (not observed in tests; the
 * overlay is meant to serialize logged writes). Immutable and thread-safe.
 */
final class AccesslogFeed implements ChangeFeed {

  static final String EMPTY = "0";
  private static final Pattern GENERALIZED_TIME = Pattern.compile("[0-9]{14}(\\.[0-9]{1,9})?Z");
  private static final String[] ATTRIBUTES =
      {"reqStart", "reqType", "reqDN", "reqNewRDN", "reqNewSuperior"};

  private final LdapSettings settings;

  AccesslogFeed(LdapSettings settings) {
    this.settings = settings;
  }

  @Override
  public String currentWatermark(LDAPConnection connection)
      throws LDAPException, ConnectorException {
    requireLog(connection);
    String[] newest = {EMPTY};
    EntryReader.search(connection, settings.accesslogBase(),
        Filter.createEqualityFilter("objectClass", "auditWriteObject"),
        new String[] {"reqStart"}, settings.pageSize(), entry -> {
          String start = entry.getAttributeValue("reqStart");
          if (start != null && GENERALIZED_TIME.matcher(start).matches()
              && (newest[0].equals(EMPTY) || TIME_ORDER.compare(start, newest[0]) > 0)) {
            newest[0] = start;
          }
        });
    return newest[0];
  }

  @Override
  public String read(LDAPConnection connection, String watermark, Sink sink)
      throws LDAPException, ConnectorException {
    requireLog(connection);
    String from = watermark.strip();
    Filter filter = Filter.createANDFilter(
        Filter.createEqualityFilter("objectClass", "auditWriteObject"),
        Filter.createEqualityFilter("reqResult", "0"));
    if (!from.equals(EMPTY)) {
      if (!GENERALIZED_TIME.matcher(from).matches()) {
        throw fullImportRequired("the watermark '" + watermark + "' is not a reqStart time");
      }
      DN record = new DN(new RDN("reqStart", from), new DN(settings.accesslogBase()));
      if (EntryReader.base(connection, record.toString(),
          Filter.createPresenceFilter("objectClass"),
          new String[] {SearchRequest.NO_ATTRIBUTES}) == null) {
        throw fullImportRequired("the accesslog no longer holds the watermark's record '" + record
            + "' (purged by logpurge), so writes after it may be missing");
      }
      // The bound is the watermark's whole second: OpenLDAP drops trailing zeros of a fraction in
      // a filter's value but not in stored reqStart values, so "reqStart<=...730Z" misses
      // "...730Z" itself. The exact bound is applied here instead.
      filter = Filter.createANDFilter(filter,
          Filter.createGreaterOrEqualFilter("reqStart", from.substring(0, 14) + "Z"));
    }
    List<SearchResultEntry> records = new ArrayList<>();
    EntryReader.search(connection, settings.accesslogBase(), filter, ATTRIBUTES,
        settings.pageSize(), entry -> {
          String start = entry.getAttributeValue("reqStart");
          if (start == null || !GENERALIZED_TIME.matcher(start).matches()) {
            sink.unreadable(entry.getDN(), "the accesslog record has no valid reqStart");
          } else if (from.equals(EMPTY) || TIME_ORDER.compare(start, from) > 0) {
            records.add(entry);
          }
        });
    records.sort(Comparator.comparing(AccesslogFeed::start, TIME_ORDER));
    String last = from;
    for (SearchResultEntry entry : records) {
      last = start(entry);
      parse(entry, "reqStart=" + last, sink);
    }
    return last;
  }

  /** Orders generalized times such as {@code 20261126051742.35973Z} by the time they name. */
  static final Comparator<String> TIME_ORDER = Comparator
      .comparing((String time) -> time.substring(0, 14))
      .thenComparing(AccesslogFeed::fraction);

  private static String fraction(String time) {
    int dot = time.indexOf('.');
    String digits = dot < 0 ? "" : time.substring(dot + 1, time.length() - 1);
    return digits + "0".repeat(9 - digits.length());
  }

  private void requireLog(LDAPConnection connection) throws LDAPException, ConnectorException {
    if (EntryReader.base(connection, settings.accesslogBase(),
        Filter.createPresenceFilter("objectClass"),
        new String[] {SearchRequest.NO_ATTRIBUTES}) == null) {
      throw new ConnectorException(ResultCodes.NO_START_CHANGE_LOG_NOT_ENABLED, "Cannot read"
          + " changes from " + LdapFailures.server(settings) + " because there is no accesslog"
          + " database at '" + settings.accesslogBase() + "' (or the bind DN cannot read it);"
          + " configure the accesslog overlay, fix accesslogBase, or set delta to 'none'");
    }
  }

  private static String start(Entry entry) {
    String start = entry.getAttributeValue("reqStart");
    return start == null ? "" : start;
  }

  private static void parse(Entry entry, String position, Sink sink) {
    String type = entry.getAttributeValue("reqType");
    String target = entry.getAttributeValue("reqDN");
    if (type == null || target == null) {
      sink.unreadable(position, "the accesslog record lacks reqType or reqDN");
      return;
    }
    try {
      DN dn = new DN(target);
      switch (type.toLowerCase(Locale.ROOT)) {
        case "add" -> sink.change(new ChangeRecord(ChangeRecord.Kind.ADD, dn, null, position));
        case "modify" ->
            sink.change(new ChangeRecord(ChangeRecord.Kind.MODIFY, dn, null, position));
        case "delete" ->
            sink.change(new ChangeRecord(ChangeRecord.Kind.DELETE, dn, null, position));
        case "modrdn" -> sink.change(new ChangeRecord(ChangeRecord.Kind.RENAME, dn,
            ChangelogFeed.renamed(dn, entry.getAttributeValue("reqNewRDN"),
                entry.getAttributeValue("reqNewSuperior")), position));
        default -> {
          // other writes (extended operations) change no entry
        }
      }
    } catch (LDAPException e) {
      sink.unreadable(position, "the accesslog record cannot be read (" + e.getMessage() + ")");
    }
  }

  private ConnectorException fullImportRequired(String why) {
    return new ConnectorException(ResultCodes.NO_START_FULL_IMPORT_REQUIRED, "Cannot read changes"
        + " from " + LdapFailures.server(settings) + " because " + why + "; run a full import");
  }
}
