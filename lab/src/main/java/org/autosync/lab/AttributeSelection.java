package org.autosync.lab;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.schema.AttributeTypeDefinition;
import com.unboundid.ldap.sdk.schema.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A search request's attribute list applied to an entry read with all attributes ({@code "*"},
 * {@code "+"}), the way the in-memory server would return it: no list or {@code "*"} means every
 * user attribute, {@code "+"} every operational one, other names pick that attribute (matched by
 * base name or, with a schema, by OID, so {@code commonName} finds {@code cn}); {@code "1.1"} alone
 * returns none. Attribute options in the request ({@code cn;lang-de}) are matched by base name.
 *
 * <p>Immutable and thread-safe.
 */
final class AttributeSelection {

  /** Operational attributes the in-memory server generates, for servers without a schema. */
  private static final Set<String> KNOWN_OPERATIONAL = Set.of("entrydn", "entryuuid",
      "subschemasubentry", "creatorsname", "createtimestamp", "modifiersname", "modifytimestamp",
      "hassubordinates", "numsubordinates", "ds-entry-checksum", "ismemberof");

  private final boolean allUser;
  private final boolean allOperational;
  private final List<String> names;
  private final @Nullable Schema schema;

  AttributeSelection(List<String> requested, @Nullable Schema schema) {
    boolean user = requested.isEmpty();
    boolean operational = false;
    List<String> named = new ArrayList<>();
    for (String attribute : requested) {
      switch (attribute) {
        case "*" -> user = true;
        case "+" -> operational = true;
        case "1.1" -> { } // "no attributes"; other names in the same list still count
        default -> {
          if (!attribute.startsWith("@")) { // RFC 4529 object class lists: not supported
            named.add(key(Attribute.getBaseName(attribute), schema));
          }
        }
      }
    }
    this.allUser = user;
    this.allOperational = operational;
    this.names = List.copyOf(named);
    this.schema = schema;
  }

  /** A copy of {@code full} with only the selected attributes. */
  Entry apply(Entry full) {
    Entry selected = new Entry(full.getDN());
    for (Attribute attribute : full.getAttributes()) {
      if (selects(attribute)) {
        selected.addAttribute(attribute);
      }
    }
    return selected;
  }

  private boolean selects(Attribute attribute) {
    String baseName = attribute.getBaseName();
    if (operational(baseName) ? allOperational : allUser) {
      return true;
    }
    return names.contains(key(baseName, schema));
  }

  private boolean operational(String baseName) {
    if (schema != null) {
      AttributeTypeDefinition type = schema.getAttributeType(baseName);
      if (type != null) {
        return type.isOperational();
      }
    }
    return KNOWN_OPERATIONAL.contains(baseName.toLowerCase(Locale.ROOT));
  }

  private static String key(String baseName, @Nullable Schema schema) {
    if (schema != null) {
      AttributeTypeDefinition type = schema.getAttributeType(baseName);
      if (type != null) {
        return type.getOID();
      }
    }
    return baseName.toLowerCase(Locale.ROOT);
  }
}
