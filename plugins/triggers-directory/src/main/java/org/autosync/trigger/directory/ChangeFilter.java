package org.autosync.trigger.directory;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.util.Base64;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Decides whether a notified entry is a change worth an import. Change notifications (AD's notify
 * control, persistent search) send the whole entry, not what changed; so this remembers a
 * fingerprint of every object's watched state and reports a change only when the fingerprint
 * moved. Attributes that change on every logon ({@link #DEFAULT_NOISE}) or on every write
 * ({@link #ALWAYS_IGNORED}) are left out of the fingerprint, so a logon never fires an import.
 *
 * <ul>
 *   <li>An object is identified by {@code entryUUID} (RFC 4530), else {@code objectGUID} (AD,
 *       LDS), else its DN. A rename changes the DN, which is part of the fingerprint: it counts.
 *   <li>An object not seen before counts (it may be new, or changed before this filter learnt it);
 *       {@link #learn} fills the memory from a baseline read so that only real changes count.
 *   <li>A tombstone ({@code isDeleted: TRUE}) counts and is forgotten.
 *   <li>AD's {@code uSNChanged}, when present, drops a notification older than one already seen.
 *   <li>Objects whose classes are not watched never count: with a class list, an entry counts
 *       when it has one of the classes; {@code computer} objects (which are also {@code user}s)
 *       only when {@code computer} is listed.
 * </ul>
 *
 * <p>Memory: one small record per watched object (about 100 bytes; 10 MB for 100,000 objects).
 *
 * <p><b>Threading:</b> thread-safe.
 */
final class ChangeFilter {

  /** AD attributes that change on logons and failed logons and mean nothing to a sync engine. */
  static final List<String> DEFAULT_NOISE = List.of("lastLogon", "lastLogonTimestamp",
      "lastLogoff", "badPasswordTime", "badPwdCount", "logonCount",
      "msDS-LastSuccessfulInteractiveLogonTime", "msDS-LastFailedInteractiveLogonTime",
      "msDS-FailedInteractiveLogonCount", "msDS-FailedInteractiveLogonCountAtLastSuccessfulLogon");

  /** Bookkeeping that changes on every write (or identifies the object): never compared. */
  static final Set<String> ALWAYS_IGNORED = Set.of("usnchanged", "whenchanged",
      "dscorepropagationdata", "replpropertymetadata", "msds-replattributemetadata",
      "modifytimestamp", "modifiersname", "entrycsn", "objectguid", "entryuuid", "isdeleted");

  /** What is remembered of one object. */
  private record Seen(long usn, long fingerprint) {}

  /** The outcome for one notified entry. */
  enum Verdict {
    /** Not seen before: counts. */
    NEW,
    /** The watched state moved: counts. */
    CHANGED,
    /** Deleted (a tombstone): counts. */
    DELETED,
    /** Only noise or bookkeeping changed. */
    NOISE,
    /** An older notification than one already handled. */
    STALE,
    /** Not a watched object class. */
    OTHER_CLASS;

    boolean counts() {
      return this == NEW || this == CHANGED || this == DELETED;
    }
  }

  private final Set<String> ignored;
  private final Set<String> classes;
  private final Map<String, Seen> seen = new ConcurrentHashMap<>();

  /**
   * @param noise attribute names left out of the fingerprint (besides {@link #ALWAYS_IGNORED})
   * @param classes the watched object classes; empty for every class
   */
  ChangeFilter(Collection<String> noise, Collection<String> classes) {
    this.ignored = lower(noise);
    this.ignored.addAll(ALWAYS_IGNORED);
    this.classes = lower(classes);
  }

  /** Remembers {@code entry}'s state without judging it (a baseline read); false if not watched. */
  boolean learn(Entry entry) {
    if (!watchedClass(entry)) {
      return false;
    }
    seen.put(key(entry), new Seen(usn(entry), fingerprint(entry)));
    return true;
  }

  /** Judges a notified entry and remembers it. */
  Verdict judge(Entry entry) {
    if (!watchedClass(entry)) {
      return Verdict.OTHER_CLASS;
    }
    String key = key(entry);
    if ("TRUE".equalsIgnoreCase(entry.getAttributeValue("isDeleted"))) {
      seen.remove(key);
      return Verdict.DELETED;
    }
    Seen now = new Seen(usn(entry), fingerprint(entry));
    Seen before = seen.get(key);
    if (before != null && now.usn() >= 0 && before.usn() >= 0 && now.usn() <= before.usn()) {
      return Verdict.STALE;
    }
    seen.put(key, now);
    if (before == null) {
      return Verdict.NEW;
    }
    return before.fingerprint() == now.fingerprint() ? Verdict.NOISE : Verdict.CHANGED;
  }

  /** How many objects are remembered. */
  int size() {
    return seen.size();
  }

  /** Forgets everything (a new baseline follows). */
  void clear() {
    seen.clear();
  }

  private boolean watchedClass(Entry entry) {
    if (classes.isEmpty()) {
      return true;
    }
    String[] values = entry.getAttributeValues("objectClass");
    if (values == null) {
      return true; // cannot tell: never drop a change
    }
    Set<String> has = lower(Arrays.asList(values));
    if (has.contains("computer") && !classes.contains("computer")) {
      return false;
    }
    return has.stream().anyMatch(classes::contains);
  }

  private static String key(Entry entry) {
    // entryUUID first: a server that has it returns it in every search (the lab's emulated AD
    // adds objectGUID to notifications only); AD and LDS have no entryUUID, only objectGUID.
    String uuid = entry.getAttributeValue("entryUUID");
    if (uuid != null) {
      return "u:" + uuid.toLowerCase(Locale.ROOT);
    }
    byte[] guid = entry.getAttributeValueBytes("objectGUID");
    if (guid != null) {
      return "g:" + Base64.encode(guid);
    }
    return "d:" + normalized(entry.getDN());
  }

  private static long usn(Entry entry) {
    String value = entry.getAttributeValue("uSNChanged");
    if (value == null) {
      return -1;
    }
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** The first 64 bits of a SHA-256 over the normalised DN and every compared attribute. */
  private long fingerprint(Entry entry) {
    MessageDigest digest = sha256();
    digest.update(normalized(entry.getDN()).getBytes(StandardCharsets.UTF_8));
    List<Attribute> compared = new ArrayList<>();
    for (Attribute a : entry.getAttributes()) {
      if (!ignored.contains(a.getBaseName().toLowerCase(Locale.ROOT))) {
        compared.add(a);
      }
    }
    compared.sort(Comparator.comparing(a -> a.getName().toLowerCase(Locale.ROOT)));
    for (Attribute a : compared) {
      digest.update((byte) 0);
      digest.update(a.getName().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
      List<byte[]> values = new ArrayList<>(Arrays.asList(a.getValueByteArrays()));
      values.sort(Arrays::compare);
      for (byte[] value : values) {
        digest.update((byte) 1);
        digest.update(ByteBuffer.allocate(4).putInt(value.length).array());
        digest.update(value);
      }
    }
    return ByteBuffer.wrap(digest.digest()).getLong();
  }

  private static String normalized(String dn) {
    try {
      return new DN(dn).toNormalizedString();
    } catch (LDAPException e) {
      return dn.toLowerCase(Locale.ROOT);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("The JVM has no SHA-256", e);
    }
  }

  private static Set<String> lower(Collection<String> names) {
    return names.stream().map(n -> n.strip().toLowerCase(Locale.ROOT))
        .filter(n -> !n.isEmpty()).collect(Collectors.toCollection(
            java.util.HashSet::new));
  }
}
