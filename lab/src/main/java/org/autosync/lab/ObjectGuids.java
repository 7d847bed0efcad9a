package org.autosync.lab;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Gives every entry a stable {@code objectGUID}.
 *
 * <p>An entry with an {@code entryUUID} (the in-memory server generates one unless operational
 * attributes are switched off) gets that UUID as its GUID, so the GUID survives renames without
 * bookkeeping. An entry without one gets a random GUID remembered by normalized DN and moved along
 * with renames (descendants included).
 *
 * <p>Not thread-safe: the emulator calls it only while holding its lane lock.
 */
final class ObjectGuids {

  private final Map<String, UUID> byDn = new HashMap<>();

  /** The GUID of an entry, as read with its operational attributes. */
  UUID of(Entry entry) {
    String entryUuid = entry.getAttributeValue("entryUUID");
    if (entryUuid != null) {
      try {
        return UUID.fromString(entryUuid);
      } catch (IllegalArgumentException notAUuid) {
        // fall through to the DN-keyed GUID
      }
    }
    return byDn.computeIfAbsent(normalized(entry.getDN()), dn -> UUID.randomUUID());
  }

  /** Moves DN-keyed GUIDs of {@code from} and its descendants to their new DNs. */
  void renamed(DN from, DN to) {
    if (byDn.isEmpty()) {
      return;
    }
    String oldSuffix = from.toNormalizedString();
    String newSuffix = to.toNormalizedString();
    for (String dn : List.copyOf(byDn.keySet())) {
      if (dn.equals(oldSuffix)) {
        byDn.put(newSuffix, byDn.remove(dn));
      } else if (dn.endsWith("," + oldSuffix)) {
        String moved = dn.substring(0, dn.length() - oldSuffix.length()) + newSuffix;
        byDn.put(moved, byDn.remove(dn));
      }
    }
  }

  /** Forgets the DN-keyed GUID of a deleted entry. */
  void deleted(DN dn) {
    byDn.remove(dn.toNormalizedString());
  }

  /**
   * The 16 bytes of a GUID the way Active Directory stores {@code objectGUID}: the first three
   * fields little-endian, the last eight bytes as written. A Windows client that decodes these
   * bytes prints the same text as {@link UUID#toString()}.
   */
  static byte[] toBytes(UUID guid) {
    long msb = guid.getMostSignificantBits();
    ByteBuffer buffer = ByteBuffer.allocate(16);
    buffer.order(ByteOrder.LITTLE_ENDIAN);
    buffer.putInt((int) (msb >>> 32));
    buffer.putShort((short) (msb >>> 16));
    buffer.putShort((short) msb);
    buffer.order(ByteOrder.BIG_ENDIAN);
    buffer.putLong(guid.getLeastSignificantBits());
    return buffer.array();
  }

  /** The inverse of {@link #toBytes}. */
  static UUID fromBytes(byte[] bytes) {
    if (bytes.length != 16) {
      throw new IllegalArgumentException("an objectGUID has 16 bytes, got " + bytes.length);
    }
    ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    long data1 = buffer.getInt() & 0xFFFF_FFFFL;
    long data2 = buffer.getShort() & 0xFFFFL;
    long data3 = buffer.getShort() & 0xFFFFL;
    buffer.order(ByteOrder.BIG_ENDIAN);
    return new UUID((data1 << 32) | (data2 << 16) | data3, buffer.getLong());
  }

  private static String normalized(String dn) {
    try {
      return new DN(dn).toNormalizedString();
    } catch (LDAPException e) {
      return dn.toLowerCase(Locale.ROOT);
    }
  }
}
