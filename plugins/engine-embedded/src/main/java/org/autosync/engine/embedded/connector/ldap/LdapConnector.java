package org.autosync.engine.embedded.connector.ldap;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import java.util.List;
import java.util.function.Consumer;
import org.autosync.api.engine.ResultCodes;
import org.autosync.engine.embedded.connector.Connector;
import org.autosync.engine.embedded.connector.ConnectorContext;
import org.autosync.engine.embedded.connector.ConnectorException;
import org.autosync.engine.embedded.connector.ExportChange;
import org.autosync.engine.embedded.connector.ExportResult;
import org.autosync.engine.embedded.connector.ImportItem;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The LDAP connector: a partition is a base DN, read with a paged subtree search, changed through
 * the directory's change log ({@code cn=changelog} or OpenLDAP's accesslog), written with add,
 * modify, modify DN and delete. Created by {@link LdapConnectorFactory}, which documents the
 * options.
 *
 * <p>Threading: the engine calls it from one thread at a time; {@link #close} may come from any
 * thread, is idempotent, and breaks an operation in progress. The connection is opened on first
 * use and again on the next call after it failed.
 */
final class LdapConnector implements Connector {
  private static final Logger LOG = LoggerFactory.getLogger(LdapConnector.class);

  private final LdapSettings settings;
  private final ConnectorContext context;
  private final LdapSession session;
  private final EntryReader reader;
  private final @Nullable ChangeFeed feed;
  private final LdapExporter exporter;

  LdapConnector(LdapSettings settings, ConnectorContext context) {
    this.settings = settings;
    this.context = context;
    this.session = new LdapSession(settings, context);
    this.reader = new EntryReader(settings);
    this.feed = switch (settings.delta()) {
      case CHANGELOG -> new ChangelogFeed(settings);
      case ACCESSLOG -> new AccesslogFeed(settings);
      case NONE -> null;
    };
    this.exporter = new LdapExporter(settings, session);
  }

  @Override
  public DeltaSupport deltaSupport() {
    return feed == null ? DeltaSupport.NONE : DeltaSupport.WATERMARK;
  }

  @Override
  public String currentWatermark(String partition) throws ConnectorException {
    partitionDn(partition);
    ChangeFeed changes = feed;
    if (changes == null) {
      return "";
    }
    LDAPConnection connection = session.connection();
    try {
      String watermark = changes.currentWatermark(connection);
      LOG.debug("MA '{}' partition '{}': current watermark '{}'", context.ma(), partition,
          watermark);
      return watermark;
    } catch (LDAPException e) {
      throw failure("read the change log's position for partition '" + partition + "'", e);
    }
  }

  @Override
  public void fullImport(String partition, Consumer<ImportItem> sink) throws ConnectorException {
    partitionDn(partition);
    LDAPConnection connection = session.connection();
    try {
      reader.readAll(connection, partition, sink);
    } catch (LDAPException e) {
      throw failure("read partition '" + partition + "'", e);
    }
  }

  @Override
  public String deltaImport(String partition, String watermark, Consumer<ImportItem> sink)
      throws ConnectorException {
    DN base = partitionDn(partition);
    ChangeFeed changes = feed;
    if (changes == null) {
      throw new ConnectorException("no-start-delta-step-type-not-configured", "MA '"
          + context.ma() + "' reads no changes (its ldap connector has delta 'none'); run a full"
          + " import, or set delta to 'changelog' or 'accesslog'");
    }
    LDAPConnection connection = session.connection();
    try {
      DeltaCollector collector = new DeltaCollector(base);
      String next = changes.read(connection, watermark, collector);
      collector.emit(connection, reader, sink);
      LOG.debug("MA '{}' partition '{}': {} objects changed between watermarks '{}' and '{}'",
          context.ma(), partition, collector.size(), watermark, next);
      return next;
    } catch (LDAPException e) {
      throw failure("read the changes of partition '" + partition + "'", e);
    }
  }

  @Override
  public List<ExportResult> export(String partition, List<ExportChange> changes)
      throws ConnectorException {
    return exporter.export(partitionDn(partition), changes);
  }

  @Override
  public void close() {
    session.close();
  }

  private ConnectorException failure(String what, LDAPException e) {
    if (LdapFailures.connectionLost(e.getResultCode())) {
      session.discard();
    }
    return LdapFailures.readFailure(settings, what, e);
  }

  private DN partitionDn(String partition) throws ConnectorException {
    try {
      return new DN(partition);
    } catch (LDAPException e) {
      throw new ConnectorException(ResultCodes.NO_START_BAD_MA_CONFIGURATION, "Cannot use partition"
          + " '" + partition + "' of MA '" + context.ma() + "' because it is not a DN ("
          + e.getMessage() + "); an ldap partition is the base DN to read, such as"
          + " ou=people,dc=example,dc=org", e);
    }
  }
}
