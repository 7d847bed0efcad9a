package org.autosync.engine.embedded.connector.ldap;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The options of one LDAP connector, checked and bound to types. Secret references ({@code
 * password}, {@code trustStorePassword}) are kept as written and resolved when connecting.
 *
 * <p>Immutable and thread-safe.
 */
record LdapSettings(
    String host,
    int port,
    Security security,
    @Nullable Path trustStore,
    @Nullable String trustStorePassword,
    boolean verifyHostname,
    @Nullable String bindDn,
    @Nullable String password,
    List<String> objectClasses,
    List<String> attributes,
    int pageSize,
    DeltaMode delta,
    String accesslogBase,
    Duration connectTimeout,
    Duration responseTimeout) {

  static final int DEFAULT_PORT = 389;
  static final int DEFAULT_LDAPS_PORT = 636;
  static final int DEFAULT_PAGE_SIZE = 500;
  static final int MAX_PAGE_SIZE = 100_000;
  static final String DEFAULT_ACCESSLOG_BASE = "cn=accesslog";
  static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(60);

  /** How the connection is protected. */
  enum Security {
    NONE,
    LDAPS,
    STARTTLS
  }

  /** Where delta imports read changes from. */
  enum DeltaMode {
    CHANGELOG,
    ACCESSLOG,
    NONE
  }

  /** Every option, in documentation order. */
  static final List<String> OPTIONS = List.of("host", "port", "security", "trustStore",
      "trustStorePassword", "verifyHostname", "bindDn", "password", "objectClasses", "attributes",
      "pageSize", "delta", "accesslogBase", "connectTimeout", "responseTimeout");

  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9-]*|[0-9]+(\\.[0-9]+)+");
  private static final Pattern ATTRIBUTE =
      Pattern.compile("\\*|\\+|([A-Za-z][A-Za-z0-9-]*|[0-9]+(\\.[0-9]+)+)(;[A-Za-z0-9-]+)*");
  private static final Pattern DURATION = Pattern.compile("([0-9]{1,9})(ms|s|m|h)");

  LdapSettings {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(security, "security");
    objectClasses = List.copyOf(objectClasses);
    attributes = List.copyOf(attributes);
    Objects.requireNonNull(delta, "delta");
    Objects.requireNonNull(accesslogBase, "accesslogBase");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(responseTimeout, "responseTimeout");
  }

  /**
   * Checks options without connecting.
   *
   * @return problems as "option: what is wrong and what was expected"; empty when valid
   */
  static List<String> validate(Map<String, String> options) {
    return new Parser(options).parse().problems();
  }

  /**
   * Binds options that {@link #validate} accepted.
   *
   * @throws IllegalArgumentException listing every problem when they are not valid
   */
  static LdapSettings of(Map<String, String> options) {
    Parser.Result result = new Parser(options).parse();
    if (!result.problems().isEmpty()) {
      throw new IllegalArgumentException(
          "Invalid ldap connector options: " + String.join("; ", result.problems()));
    }
    return Objects.requireNonNull(result.settings());
  }

  /** The options as in configuration, with secrets masked, for the log. */
  String describe() {
    Map<String, Object> shown = new LinkedHashMap<>();
    shown.put("host", host);
    shown.put("port", port);
    shown.put("security", name(security));
    if (security != Security.NONE) {
      shown.put("trustStore", trustStore == null ? "(JVM default)" : trustStore);
      shown.put("verifyHostname", verifyHostname);
    }
    shown.put("bindDn", bindDn == null ? "(anonymous)" : bindDn);
    if (password != null) {
      shown.put("password", "****");
    }
    shown.put("objectClasses", String.join(",", objectClasses));
    shown.put("attributes", attributes.isEmpty() ? "(all user attributes)" : attributes);
    shown.put("pageSize", pageSize);
    shown.put("delta", name(delta));
    if (delta == DeltaMode.ACCESSLOG) {
      shown.put("accesslogBase", accesslogBase);
    }
    shown.put("connectTimeout", connectTimeout);
    shown.put("responseTimeout", responseTimeout);
    return shown.toString();
  }

  /** An enum constant as written in configuration. */
  static String name(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  /** Collects every problem rather than stopping at the first. */
  private static final class Parser {
    record Result(List<String> problems, @Nullable LdapSettings settings) {}

    private final Map<String, String> options;
    private final List<String> problems = new ArrayList<>();

    Parser(Map<String, String> options) {
      this.options = options;
    }

    Result parse() {
      for (String key : options.keySet()) {
        if (!OPTIONS.contains(key)) {
          problems.add(key + ": unknown option; known options are " + String.join(", ", OPTIONS));
        }
      }
      String host = required("host", "a host name or IP address");
      Security security = choice("security", Security.class, Security.NONE);
      int port = integer("port", security == Security.LDAPS ? DEFAULT_LDAPS_PORT : DEFAULT_PORT,
          1, 65_535);
      Path trustStore = trustStore(security);
      String trustStorePassword = optional("trustStorePassword");
      if (trustStorePassword != null && trustStore == null && !options.containsKey("trustStore")) {
        problems.add("trustStorePassword: set without trustStore; set trustStore or remove it");
      }
      boolean verifyHostname = bool("verifyHostname", true);
      String bindDn = optional("bindDn");
      if (bindDn != null) {
        dn("bindDn", bindDn);
      }
      String password = optional("password");
      if (bindDn != null && password == null) {
        problems.add("password: required when bindDn is set (a secret reference such as"
            + " ${env:LDAP_PASSWORD}, or the password itself)");
      }
      if (bindDn == null && password != null) {
        problems.add("password: set without bindDn; set bindDn to bind as a user, or remove it"
            + " to bind anonymously");
      }
      if (options.get("objectClasses") == null) {
        problems.add("objectClasses: required; expected a comma-separated list of the object"
            + " classes in scope, such as inetOrgPerson,groupOfNames");
      }
      List<String> objectClasses = names("objectClasses", NAME, "object class names");
      List<String> attributes = names("attributes", ATTRIBUTE, "attribute names, * or +");
      int pageSize = integer("pageSize", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
      DeltaMode delta = choice("delta", DeltaMode.class, DeltaMode.CHANGELOG);
      String accesslogBase = Objects.requireNonNullElse(optional("accesslogBase"),
          DEFAULT_ACCESSLOG_BASE);
      if (options.containsKey("accesslogBase")) {
        dn("accesslogBase", accesslogBase);
        if (delta != DeltaMode.ACCESSLOG) {
          problems.add("accesslogBase: only used with delta 'accesslog', but delta is '"
              + name(delta) + "'; remove it or set delta to accesslog");
        }
      }
      Duration connectTimeout = duration("connectTimeout", DEFAULT_CONNECT_TIMEOUT);
      Duration responseTimeout = duration("responseTimeout", DEFAULT_RESPONSE_TIMEOUT);
      if (!problems.isEmpty()) {
        return new Result(List.copyOf(problems), null);
      }
      return new Result(List.of(), new LdapSettings(Objects.requireNonNull(host), port, security,
          trustStore, trustStorePassword, verifyHostname, bindDn, password, objectClasses,
          attributes, pageSize, delta, accesslogBase, connectTimeout, responseTimeout));
    }

    private @Nullable String optional(String key) {
      String value = options.get(key);
      if (value == null) {
        return null;
      }
      if (value.isBlank()) {
        problems.add(key + ": is empty; give a value or remove the option");
        return null;
      }
      return value.strip();
    }

    private @Nullable String required(String key, String expected) {
      if (options.get(key) == null) {
        problems.add(key + ": required; expected " + expected);
        return null;
      }
      return optional(key);
    }

    private int integer(String key, int fallback, int min, int max) {
      String value = optional(key);
      if (value == null) {
        return fallback;
      }
      try {
        int parsed = Integer.parseInt(value);
        if (parsed >= min && parsed <= max) {
          return parsed;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      problems.add(key + ": expected a whole number from " + min + " to " + max + ", got '"
          + value + "'");
      return fallback;
    }

    private boolean bool(String key, boolean fallback) {
      String value = optional(key);
      if (value == null) {
        return fallback;
      }
      return switch (value.toLowerCase(Locale.ROOT)) {
        case "true" -> true;
        case "false" -> false;
        default -> {
          problems.add(key + ": expected true or false, got '" + value + "'");
          yield fallback;
        }
      };
    }

    private <E extends Enum<E>> E choice(String key, Class<E> type, E fallback) {
      String value = optional(key);
      if (value == null) {
        return fallback;
      }
      for (E constant : type.getEnumConstants()) {
        if (name(constant).equals(value.toLowerCase(Locale.ROOT))) {
          return constant;
        }
      }
      problems.add(key + ": expected one of " + String.join(" | ",
          Arrays.stream(type.getEnumConstants()).map(LdapSettings::name).toList()) + ", got '"
          + value + "'");
      return fallback;
    }

    private void dn(String key, String value) {
      try {
        new DN(value);
      } catch (LDAPException e) {
        problems.add(key + ": expected a distinguished name such as cn=admin,dc=example,dc=org,"
            + " got '" + value + "' (" + e.getMessage() + ")");
      }
    }

    private List<String> names(String key, Pattern syntax, String expected) {
      String value = optional(key);
      if (value == null) {
        return List.of();
      }
      List<String> names = new ArrayList<>();
      for (String part : value.split(",", -1)) {
        String name = part.strip();
        if (!syntax.matcher(name).matches()) {
          problems.add(key + ": expected a comma-separated list of " + expected + ", got '"
              + value + "' ('" + name + "' is not one)");
          return List.of();
        }
        if (names.stream().noneMatch(name::equalsIgnoreCase)) {
          names.add(name);
        }
      }
      return names;
    }

    private @Nullable Path trustStore(Security security) {
      String value = optional("trustStore");
      if (value == null) {
        return null;
      }
      if (security == Security.NONE) {
        problems.add("trustStore: only used with security ldaps or starttls, but security is"
            + " 'none'; set security or remove trustStore");
        return null;
      }
      Path path = parse(value, Path::of);
      if (path == null) {
        problems.add("trustStore: expected the path of a JKS or PKCS12 trust store, got '" + value
            + "'");
      } else if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
        problems.add("trustStore: expected a readable JKS or PKCS12 file, but '" + path
            + "' does not exist or cannot be read");
      }
      return path;
    }

    private Duration duration(String key, Duration fallback) {
      String value = optional(key);
      if (value == null) {
        return fallback;
      }
      Matcher m = DURATION.matcher(value);
      Duration parsed = null;
      if (m.matches()) {
        long amount = Long.parseLong(m.group(1));
        parsed = switch (m.group(2)) {
          case "ms" -> Duration.ofMillis(amount);
          case "s" -> Duration.ofSeconds(amount);
          case "m" -> Duration.ofMinutes(amount);
          default -> Duration.ofHours(amount);
        };
      } else if (value.toUpperCase(Locale.ROOT).startsWith("P")) {
        parsed = parse(value, Duration::parse);
      }
      if (parsed == null || parsed.isNegative() || parsed.isZero()
          || parsed.toMillis() > Integer.MAX_VALUE) {
        problems.add(key + ": expected a positive duration such as 500ms, 10s, 5m or PT1M, got '"
            + value + "'");
        return fallback;
      }
      return parsed;
    }

    private static <T> @Nullable T parse(String value, Function<String, T> parser) {
      try {
        return parser.apply(value);
      } catch (RuntimeException e) {
        return null;
      }
    }
  }
}
