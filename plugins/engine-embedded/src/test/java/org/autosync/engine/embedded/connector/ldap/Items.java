package org.autosync.engine.embedded.connector.ldap;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.autosync.engine.embedded.connector.ConnectorContext;
import org.autosync.engine.embedded.connector.ConnectorEntry;
import org.autosync.engine.embedded.connector.ImportItem;

/** A sink that records what an import handed over, with lookups for assertions. */
final class Items implements Consumer<ImportItem> {

  /** A context for MA 'HR' whose secrets resolve {@code ${env:LDAP_PASSWORD}} to the password. */
  static ConnectorContext context(Path workDirectory) {
    return new ConnectorContext("HR", workDirectory,
        s -> s.equals("${env:LDAP_PASSWORD}") ? InMemoryLdap.PASSWORD : s);
  }

  private final List<ImportItem> items = new ArrayList<>();

  @Override
  public void accept(ImportItem item) {
    items.add(item);
  }

  List<ImportItem> all() {
    return items;
  }

  /** Each item in a short form: {@code present uid=a,...}, {@code deleted ...}, {@code unreadable ...}. */
  List<String> summary() {
    return items.stream().map(item -> switch (item) {
      case ImportItem.Present p -> "present " + normal(p.entry().dn());
      case ImportItem.Deleted d -> "deleted " + normal(d.dn());
      case ImportItem.Unreadable u -> "unreadable " + normal(u.where());
    }).sorted().toList();
  }

  List<ConnectorEntry> present() {
    return items.stream().filter(ImportItem.Present.class::isInstance)
        .map(i -> ((ImportItem.Present) i).entry()).toList();
  }

  ConnectorEntry entry(String dn) {
    return present().stream().filter(e -> normal(e.dn()).equals(normal(dn))).findFirst()
        .orElseThrow(() -> new AssertionError("no entry " + dn + " in " + summary()));
  }

  List<ImportItem.Unreadable> unreadable() {
    return items.stream().filter(ImportItem.Unreadable.class::isInstance)
        .map(ImportItem.Unreadable.class::cast).toList();
  }

  static String normal(String dn) {
    return dn.replace(" ", "").toLowerCase(Locale.ROOT);
  }
}
