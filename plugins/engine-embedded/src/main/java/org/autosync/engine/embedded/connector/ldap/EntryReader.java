package org.autosync.engine.embedded.connector.ldap;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;
import com.unboundid.util.StaticUtils;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.autosync.engine.embedded.connector.ConnectorEntry;
import org.autosync.engine.embedded.connector.ImportItem;
import org.jspecify.annotations.Nullable;

/**
 * Reads in-scope entries: the scope filter, paged searches, single entries by DN, and the
 * conversion of an LDAP entry into an {@link ImportItem}.
 *
 * <p>Immutable and thread-safe; the connection passed in is used by one thread at a time.
 */
final class EntryReader {

  private final List<String> objectClasses;
  private final Filter scope;
  private final String[] requested;
  private final int pageSize;

  EntryReader(LdapSettings settings) {
    this.objectClasses = settings.objectClasses();
    this.scope = Filter.createORFilter(
        objectClasses.stream().map(c -> Filter.createEqualityFilter("objectClass", c)).toList());
    List<String> attributes = new ArrayList<>(settings.attributes());
    if (attributes.isEmpty()) {
      attributes.add(SearchRequest.ALL_USER_ATTRIBUTES);
    }
    if (!attributes.contains(SearchRequest.ALL_USER_ATTRIBUTES)
        && attributes.stream().noneMatch("objectClass"::equalsIgnoreCase)) {
      attributes.add("objectClass");
    }
    this.requested = attributes.toArray(String[]::new);
    this.pageSize = settings.pageSize();
  }

  /** The filter that selects in-scope entries: {@code (|(objectClass=a)(objectClass=b)...)}. */
  Filter scope() {
    return scope;
  }

  /** Reads every in-scope entry under {@code base}, one page at a time. */
  void readAll(LDAPConnection connection, String base, Consumer<ImportItem> sink)
      throws LDAPException {
    search(connection, base, scope, requested, pageSize, entry -> sink.accept(convert(entry)));
  }

  /**
   * Reads the entry at {@code dn} now; null when there is none, or when it has none of the object
   * classes in scope.
   */
  @Nullable ImportItem lookup(LDAPConnection connection, String dn) throws LDAPException {
    SearchResultEntry entry = base(connection, dn, scope, requested);
    return entry == null ? null : convert(entry);
  }

  /**
   * Runs a subtree search with the Simple Paged Results control, handing each entry to {@code
   * each} as its page arrives. A server that ignores the control returns everything at once.
   */
  static void search(LDAPConnection connection, String base, Filter filter, String[] attributes,
      int pageSize, LdapConsumer<SearchResultEntry> each) throws LDAPException {
    ASN1OctetString cookie = null;
    do {
      SearchRequest request = new SearchRequest(base, SearchScope.SUB, filter, attributes);
      request.setControls(new SimplePagedResultsControl(pageSize, cookie));
      SearchResult result = connection.search(request);
      for (SearchResultEntry entry : result.getSearchEntries()) {
        each.accept(entry);
      }
      SimplePagedResultsControl response = SimplePagedResultsControl.get(result);
      cookie = response == null ? null : response.getCookie();
    } while (cookie != null && cookie.getValueLength() > 0);
  }

  /** One base-scope search; null when nothing at {@code dn} matches. */
  static @Nullable SearchResultEntry base(LDAPConnection connection, String dn, Filter filter,
      String[] attributes) throws LDAPException {
    try {
      List<SearchResultEntry> found = connection.search(
          new SearchRequest(dn, SearchScope.BASE, filter, attributes)).getSearchEntries();
      return found.isEmpty() ? null : found.getFirst();
    } catch (LDAPSearchException e) {
      if (e.getResultCode() == ResultCode.NO_SUCH_OBJECT) {
        return null;
      }
      throw e;
    }
  }

  /**
   * An entry as an import item: its type is the first configured object class it has (as written
   * in the option); values must be text.
   */
  ImportItem convert(Entry entry) {
    String type = null;
    for (String objectClass : objectClasses) {
      if (entry.hasObjectClass(objectClass)) {
        type = objectClass;
        break;
      }
    }
    if (type == null) {
      return new ImportItem.Unreadable(entry.getDN(), "it has none of the object classes in"
          + " scope (" + String.join(", ", objectClasses) + "); its objectClass values are "
          + List.of(entry.getObjectClassValues() == null ? new String[0]
              : entry.getObjectClassValues()));
    }
    Map<String, List<String>> values = new LinkedHashMap<>();
    for (Attribute attribute : entry.getAttributes()) {
      for (byte[] raw : attribute.getValueByteArrays()) {
        if (!StaticUtils.isValidUTF8(raw)) {
          return new ImportItem.Unreadable(entry.getDN(), "attribute '" + attribute.getName()
              + "' holds binary values, which the connector cannot import as text; leave it out"
              + " with the 'attributes' option");
        }
      }
      values.computeIfAbsent(attribute.getName(), k -> new ArrayList<>())
          .addAll(List.of(attribute.getValues()));
    }
    return new ImportItem.Present(new ConnectorEntry(entry.getDN(), type, values));
  }

  /** A consumer that may throw an LDAP exception. */
  @FunctionalInterface
  interface LdapConsumer<T> {
    void accept(T value) throws LDAPException;
  }
}
