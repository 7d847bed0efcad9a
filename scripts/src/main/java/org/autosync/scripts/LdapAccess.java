package org.autosync.scripts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.RootDSE;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.net.ssl.SSLSocketFactory;
import org.jspecify.annotations.Nullable;

/**
 * The {@code ldap} capability: searches against the granted servers only, bound with the
 * configured DN and password (anonymous without), plus reading a server's {@code cn=changelog}
 * for the change stream. A server is named as {@code ldap://host:port} or {@code
 * ldaps://host:port}; names are compared ignoring case, with default ports filled in.
 *
 * <p>Each search opens a connection whose connect and response timeouts fit in the script call's
 * time, returns at most {@value #MAX_ENTRIES} entries as {@code {dn, attributes: {name:
 * [values]}}}, and closes it.
 *
 * <p><b>Threading:</b> thread-safe.
 */
final class LdapAccess {

  static final int MAX_ENTRIES = 10_000;
  static final Duration MAX_TIME = Duration.ofSeconds(60);

  private final Map<String, LDAPURL> servers = new TreeMap<>();
  private final @Nullable String bindDn;
  private final @Nullable String password;

  LdapAccess(List<String> allowed, @Nullable String bindDn, @Nullable String password) {
    for (String text : allowed) {
      LDAPURL url = parse(text);
      if (url == null) {
        throw new IllegalArgumentException("allowLdap: expected servers such as"
            + " ldap://dc1.example.com:389, got '" + text + "'");
      }
      servers.put(key(url), url);
    }
    this.bindDn = bindDn;
    this.password = password;
  }

  /** Checks a grant's server names; the problem's message, or null when they are fine. */
  static @Nullable String check(List<String> allowed) {
    try {
      new LdapAccess(allowed, null, null);
      return null;
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  JsonNode search(JsonNode a, CallBudget budget) throws LDAPException {
    LDAPURL server = server(a);
    String base = a.path("base").asText("");
    SearchScope scope = switch (a.path("scope").asText("sub").toLowerCase(Locale.ROOT)) {
      case "base" -> SearchScope.BASE;
      case "one" -> SearchScope.ONE;
      case "sub" -> SearchScope.SUB;
      default -> throw new IllegalArgumentException("ldap: scope is base, one or sub; got '"
          + a.path("scope").asText() + "'");
    };
    Filter filter;
    try {
      filter = Filter.create(a.path("filter").asText("(objectClass=*)"));
    } catch (LDAPException e) {
      throw new IllegalArgumentException("ldap: bad filter: " + e.getMessage());
    }
    List<String> attributes = new ArrayList<>();
    a.path("attributes").forEach(n -> attributes.add(n.asText()));
    int limit = Math.min(MAX_ENTRIES, a.path("sizeLimit").asInt(1000));
    Duration time = budget.remaining(MAX_TIME);
    try (LDAPConnection c = connect(server, time)) {
      SearchRequest request = new SearchRequest(base, scope, filter,
          attributes.toArray(String[]::new));
      request.setSizeLimit(limit);
      request.setResponseTimeoutMillis(time.toMillis());
      SearchResult result = c.search(request);
      ArrayNode entries = Json.NODES.arrayNode();
      for (SearchResultEntry e : result.getSearchEntries()) {
        ObjectNode entry = entries.addObject();
        entry.put("dn", e.getDN());
        ObjectNode attrs = entry.putObject("attributes");
        for (Attribute attr : e.getAttributes()) {
          ArrayNode values = attrs.putArray(attr.getName());
          for (String v : attr.getValues()) {
            values.add(v);
          }
        }
      }
      return entries;
    }
  }

  /** Checks that a change stream's server is granted and its base is a DN. */
  void checkChangeStream(JsonNode a) {
    server(a);
    try {
      new DN(a.path("base").asText(""));
    } catch (LDAPException e) {
      throw new IllegalArgumentException("ldap.changes: base must be a DN, got '"
          + a.path("base").asText() + "'");
    }
  }

  /**
   * The changes logged in the server's {@code cn=changelog} after {@code after} under {@code
   * base}, oldest first, and the last change number seen.
   *
   * @param after the last change number already handled; null to start from the newest (nothing
   *     is returned then)
   */
  Changes changesSince(JsonNode request, @Nullable Long after, Duration time)
      throws LDAPException {
    LDAPURL server = server(request);
    DN base = new DN(request.path("base").asText(""));
    try (LDAPConnection c = connect(server, time)) {
      RootDSE root = c.getRootDSE();
      String last = root == null ? null : root.getAttributeValue("lastChangeNumber");
      long newest = last == null ? 0 : Long.parseLong(last);
      if (after == null || newest <= after) {
        return new Changes(List.of(), after == null ? newest : Math.max(after, 0));
      }
      SearchRequest search = new SearchRequest("cn=changelog", SearchScope.ONE,
          Filter.createGreaterOrEqualFilter("changeNumber", Long.toString(after + 1)),
          "changeNumber", "changeType", "targetDN");
      search.setSizeLimit(MAX_ENTRIES);
      search.setResponseTimeoutMillis(time.toMillis());
      List<SearchResultEntry> entries = new ArrayList<>(c.search(search).getSearchEntries());
      entries.sort(Comparator.comparingLong(e -> e.getAttributeValueAsLong("changeNumber")));
      List<JsonNode> changes = new ArrayList<>();
      long seen = after;
      for (SearchResultEntry e : entries) {
        long number = e.getAttributeValueAsLong("changeNumber");
        seen = Math.max(seen, number);
        String target = e.getAttributeValue("targetDN");
        if (target != null && new DN(target).isDescendantOf(base, true)) {
          ObjectNode change = Json.object();
          change.put("changeNumber", number);
          change.put("changeType", e.getAttributeValue("changeType"));
          change.put("targetDN", target);
          changes.add(change);
        }
      }
      return new Changes(changes, seen);
    }
  }

  /** Changes read from a change log, and the change number to continue after. */
  record Changes(List<JsonNode> changes, long last) {}

  /** The server a request names, which must be granted; the only one when it names none. */
  String serverKey(JsonNode a) {
    return key(server(a));
  }

  private LDAPURL server(JsonNode a) {
    String text = a.path("server").asText("");
    if (text.isBlank()) {
      if (servers.size() == 1) {
        return servers.values().iterator().next();
      }
      throw new IllegalArgumentException("ldap: name the server, one of " + servers.keySet());
    }
    LDAPURL url = parse(text);
    if (url == null) {
      throw new IllegalArgumentException("ldap: expected a server such as ldap://host:389, got '"
          + text + "'");
    }
    LDAPURL granted = servers.get(key(url));
    if (granted == null) {
      throw new CapabilityDenied("ldap: server '" + text + "' is not granted; allowed: "
          + servers.keySet());
    }
    return granted;
  }

  private LDAPConnection connect(LDAPURL server, Duration time) throws LDAPException {
    LDAPConnectionOptions options = new LDAPConnectionOptions();
    options.setConnectTimeoutMillis((int) Math.min(Integer.MAX_VALUE, time.toMillis()));
    options.setResponseTimeoutMillis(time.toMillis());
    LDAPConnection c = "ldaps".equalsIgnoreCase(server.getScheme())
        ? new LDAPConnection(SSLSocketFactory.getDefault(), options)
        : new LDAPConnection(options);
    try {
      c.connect(server.getHost(), server.getPort());
      if (bindDn != null) {
        c.bind(bindDn, password == null ? "" : password);
      }
      return c;
    } catch (LDAPException e) {
      c.close();
      throw e;
    }
  }

  private static String key(LDAPURL url) {
    return url.getScheme().toLowerCase(Locale.ROOT) + "://"
        + url.getHost().toLowerCase(Locale.ROOT) + ":" + url.getPort();
  }

  private static @Nullable LDAPURL parse(String text) {
    try {
      LDAPURL url = new LDAPURL(text.strip());
      return url.hostProvided() ? url : null;
    } catch (LDAPException e) {
      return null;
    }
  }
}
