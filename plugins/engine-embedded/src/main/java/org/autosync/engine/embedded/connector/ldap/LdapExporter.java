package org.autosync.engine.embedded.connector.ldap;

import com.unboundid.ldap.sdk.AddRequest;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ModifyDNRequest;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ModifyRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.autosync.engine.embedded.connector.ConnectorException;
import org.autosync.engine.embedded.connector.ExportChange;
import org.autosync.engine.embedded.connector.ExportResult;
import org.autosync.engine.embedded.connector.PartialExportException;
import org.jspecify.annotations.Nullable;

/**
 * Writes export changes: add, modify (replace per attribute), modify DN (deleting the old RDN
 * value) then modify, delete. What the server refuses for one object becomes a failed {@link
 * ExportResult} named after the LDAP result code in kebab case (such as {@code
 * entry-already-exists}), with the code, its name and the server's message as detail; a change
 * whose DN is not under the partition fails as {@code outside-partition} without being sent. A
 * lost connection ends the batch.
 *
 * <p>An add without {@code objectClass} values gets the change's object type as its class. A
 * rename whose attribute update fails reports the failure, although the rename was written; the
 * detail says so.
 *
 * <p>Immutable and thread-safe; the connection it writes through is used by one thread at a time.
 */
final class LdapExporter {

  private final LdapSettings settings;
  private final LdapSession session;

  LdapExporter(LdapSettings settings, LdapSession session) {
    this.settings = settings;
    this.session = session;
  }

  /**
   * Writes {@code changes} in order.
   *
   * @throws ConnectorException {@code no-start-connection} or {@code no-start-credentials} when no
   *     connection could be opened; {@code stopped-connectivity} (or {@code stopped-server-down})
   *     when the connection failed before the first change was written, or a {@link
   *     PartialExportException} with the results so far when it failed later
   */
  List<ExportResult> export(DN partition, List<ExportChange> changes) throws ConnectorException {
    if (changes.isEmpty()) {
      return List.of();
    }
    LDAPConnection connection = session.connection();
    List<ExportResult> results = new ArrayList<>(changes.size());
    for (ExportChange change : changes) {
      try {
        results.add(write(connection, partition, change));
      } catch (LDAPException e) {
        session.discard();
        String code = LdapFailures.lostCode(e.getResultCode());
        String message = "Cannot export " + name(change) + " because the connection to "
            + LdapFailures.server(settings) + " failed (" + LdapFailures.describe(e) + ") after "
            + results.size() + " of " + changes.size() + " changes; the rest stay pending";
        if (results.isEmpty()) {
          throw new ConnectorException(code, message, e);
        }
        throw new PartialExportException(code, message, results, e);
      }
    }
    return results;
  }

  /**
   * Writes one change.
   *
   * @throws LDAPException only when the connection failed; what the server refused is a result
   */
  private ExportResult write(LDAPConnection connection, DN partition, ExportChange change)
      throws LDAPException {
    String newDn = change.newDn();
    if (!inPartition(change.dn(), partition) || (newDn != null && !inPartition(newDn, partition))) {
      return ExportResult.failed("outside-partition", name(change) + " is not under the"
          + " partition '" + partition + "'");
    }
    boolean renamed = false;
    try {
      switch (change.op()) {
        case ADD -> connection.add(add(change));
        case UPDATE -> {
          if (!change.attributes().isEmpty()) {
            connection.modify(modify(change.dn(), change.attributes()));
          }
        }
        case RENAME -> {
          String target = Objects.requireNonNull(newDn, "newDn");
          connection.modifyDN(rename(change.dn(), target));
          renamed = true;
          if (!change.attributes().isEmpty()) {
            connection.modify(modify(target, change.attributes()));
          }
        }
        case DELETE -> connection.delete(change.dn());
        default -> throw new IllegalStateException("unknown export op " + change.op());
      }
      return ExportResult.OK;
    } catch (LDAPException e) {
      if (LdapFailures.connectionLost(e.getResultCode())) {
        throw e;
      }
      String detail = LdapFailures.describe(e);
      if (renamed) {
        detail = "renamed to '" + newDn + "', but updating its attributes failed: " + detail;
      }
      return ExportResult.failed(LdapFailures.errorType(e.getResultCode()), detail);
    }
  }

  private static AddRequest add(ExportChange change) {
    List<Attribute> attributes = new ArrayList<>();
    boolean hasObjectClass = false;
    for (Map.Entry<String, List<String>> attribute : change.attributes().entrySet()) {
      if (attribute.getValue().isEmpty()) {
        continue;
      }
      hasObjectClass |= attribute.getKey().equalsIgnoreCase("objectClass");
      attributes.add(new Attribute(attribute.getKey(), attribute.getValue()));
    }
    if (!hasObjectClass) {
      attributes.add(new Attribute("objectClass", change.objectType()));
    }
    return new AddRequest(change.dn(), attributes);
  }

  private static ModifyRequest modify(String dn, Map<String, List<String>> attributes) {
    List<Modification> modifications = new ArrayList<>();
    attributes.forEach((name, values) -> modifications.add(
        new Modification(ModificationType.REPLACE, name, values.toArray(String[]::new))));
    return new ModifyRequest(dn, modifications);
  }

  private static ModifyDNRequest rename(String dn, String newDn) throws LDAPException {
    DN from = new DN(dn);
    DN to = new DN(newDn);
    DN superior = to.getParent();
    if (superior == null) {
      throw new LDAPException(com.unboundid.ldap.sdk.ResultCode.NAMING_VIOLATION,
          "cannot rename '" + dn + "' to a DN without a parent: '" + newDn + "'");
    }
    String newSuperior = superior.equals(from.getParent()) ? null : superior.toString();
    return new ModifyDNRequest(dn, to.getRDNString(), true, newSuperior);
  }

  private static boolean inPartition(String dn, DN partition) {
    try {
      return new DN(dn).isDescendantOf(partition, true);
    } catch (LDAPException e) {
      return true; // the server reports the invalid DN as this object's failure
    }
  }

  private static String name(ExportChange change) {
    @Nullable String newDn = change.newDn();
    return LdapSettings.name(change.op()) + " of '" + change.dn() + "'"
        + (newDn == null ? "" : " to '" + newDn + "'");
  }
}
