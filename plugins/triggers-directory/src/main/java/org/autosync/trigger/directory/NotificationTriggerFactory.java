package org.autosync.trigger.directory;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.PersistentSearchChangeType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.autosync.api.engine.ManagementAgent;
import org.autosync.api.trigger.ConfigProblem;
import org.autosync.api.trigger.ParameterDescriptor;
import org.autosync.api.trigger.ParameterType;
import org.autosync.api.trigger.ParameterValues;
import org.autosync.api.trigger.Trigger;
import org.autosync.api.trigger.TriggerConfig;
import org.autosync.api.trigger.TriggerFactory;
import org.autosync.api.trigger.TriggerType;

/**
 * What the {@code ad-notify} and {@code ldap-psearch} trigger types share: parameters, validation
 * and creation of a {@link NotificationTrigger}. The MA's connection hints ({@code host}, {@code
 * port}, {@code security}, {@code baseDn}, {@code objectClasses}) fill in what the configuration
 * leaves out, so an AD MA's trigger can be as short as {@code {id: corp-ad, type: ad-notify}}.
 *
 * <p>Stateless and thread-safe.
 */
abstract class NotificationTriggerFactory implements TriggerFactory {

  static final String SCOPE = "scope";
  static final String FILTER = "filter";
  static final String OBJECT_CLASSES = "objectClasses";
  static final String ATTRIBUTES = "attributes";
  static final String NOISE_ATTRIBUTES = "noiseAttributes";
  static final String BASELINE = "baseline";
  static final String SHOW_DELETED = "showDeleted";
  static final String CHANGE_TYPES = "changeTypes";

  /** Attributes the change filter needs besides the watched ones. */
  static final List<String> BOOKKEEPING = List.of("objectClass", "objectGUID", "uSNChanged",
      "isDeleted", "lastKnownParent", "entryUUID");

  static ParameterDescriptor scope() {
    return ParameterDescriptor.oneOf(SCOPE, "sub",
        "sub (the base DN and everything under it) or one (its children only)",
        List.of("sub", "one"));
  }

  static ParameterDescriptor objectClasses(String description) {
    return ParameterDescriptor.optional(OBJECT_CLASSES, ParameterType.LIST, null, description);
  }

  static ParameterDescriptor attributes() {
    return ParameterDescriptor.optional(ATTRIBUTES, ParameterType.LIST, "*",
        "The attributes compared to tell changes from noise; default all user attributes");
  }

  static ParameterDescriptor baseline() {
    return ParameterDescriptor.optional(BASELINE, ParameterType.BOOLEAN, "true",
        "Read every watched object at each connect, so that the first noise-only change of an"
            + " object is already recognised (costs one paged read)");
  }

  /** The SRV service for {@code domain}, such as {@code _ldap._tcp.dc._msdcs}. */
  abstract String srvService();

  abstract NotificationTrigger.Mode mode();

  @Override
  public List<ConfigProblem> validate(Map<String, String> values) {
    List<ConfigProblem> problems = new ArrayList<>(TriggerFactory.validateDeclared(type(), values));
    Watch.check(values, problems);
    Watch.checkFilter(values, FILTER, problems);
    String types = values.get(CHANGE_TYPES);
    if (types != null) {
      for (String t : ParameterValues.parseList(types)) {
        if (PersistentSearchChangeType.forName(t) == null) {
          problems.add(new ConfigProblem(CHANGE_TYPES, "has '" + t
              + "'; expected add, delete, modify or moddn"));
        }
      }
    }
    for (String list : List.of(ATTRIBUTES, NOISE_ATTRIBUTES, OBJECT_CLASSES)) {
      String text = values.get(list);
      if (text != null && ParameterValues.parseList(text).stream().anyMatch(String::isBlank)) {
        problems.add(new ConfigProblem(list, "has an empty entry"));
      }
    }
    return problems;
  }

  @Override
  public Trigger create(TriggerConfig config) {
    return new DeferredTrigger(ma -> create(config, ma));
  }

  /** Builds the trigger once the MA (and its connection hints) is known. */
  NotificationTrigger create(TriggerConfig config, ManagementAgent ma) {
    Endpoint endpoint = Endpoint.from(config, ma, srvService());
    Watch watch = Watch.from(config, ma);
    SearchScope scope = "one".equalsIgnoreCase(config.value(SCOPE).orElse("sub"))
        ? SearchScope.ONE : SearchScope.SUB;
    Filter filter;
    try {
      filter = Filter.create(config.value(FILTER).orElse("(objectClass=*)"));
    } catch (LDAPException e) {
      throw new IllegalArgumentException("filter: " + e.getMessage(), e);
    }
    List<String> classes = config.value(OBJECT_CLASSES)
        .or(() -> java.util.Optional.ofNullable(ma.connectionHints().get(OBJECT_CLASSES)))
        .map(ParameterValues::parseList).orElse(List.of());
    List<String> noise = config.value(NOISE_ATTRIBUTES).map(ParameterValues::parseList)
        .orElse(defaultNoise());
    Set<String> attributes = new LinkedHashSet<>(config.value(ATTRIBUTES)
        .map(ParameterValues::parseList).orElse(List.of("*")));
    attributes.addAll(BOOKKEEPING);
    boolean filtering = mode() == NotificationTrigger.Mode.AD_NOTIFY || !noise.isEmpty()
        || !classes.isEmpty();
    ChangeFilter changes = filtering ? new ChangeFilter(noise, classes) : null;
    Set<PersistentSearchChangeType> types = config.value(CHANGE_TYPES)
        .map(ParameterValues::parseList)
        .map(names -> {
          Set<PersistentSearchChangeType> set = EnumSet.noneOf(PersistentSearchChangeType.class);
          names.forEach(n -> set.add(PersistentSearchChangeType.forName(
              n.strip().toLowerCase(Locale.ROOT))));
          return set;
        })
        .orElse(PersistentSearchChangeType.allChangeTypes());
    return new NotificationTrigger(mode(), endpoint, watch, scope, filter,
        List.copyOf(attributes), changes,
        config.value(BASELINE).map(ParameterValues::parseBoolean).orElse(true),
        config.value(SHOW_DELETED).map(ParameterValues::parseBoolean).orElse(true), types);
  }

  /** The noise list when none is configured. */
  abstract List<String> defaultNoise();
}
