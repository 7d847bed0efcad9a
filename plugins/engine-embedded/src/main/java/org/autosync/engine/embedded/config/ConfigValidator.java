package org.autosync.engine.embedded.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.autosync.api.engine.ManagementAgent;
import org.autosync.api.engine.Partition;
import org.autosync.api.engine.ProfileStep;
import org.autosync.api.engine.RunProfile;
import org.autosync.api.engine.StepKind;
import org.autosync.engine.embedded.connector.ConnectorFactory;
import org.autosync.engine.embedded.config.ObjectTypeConfig.JoinCondition;

/**
 * Checks an {@link EngineConfig} completely and compiles it into an {@link EngineModel}. Every
 * problem is collected (not just the first), each naming its field path, such as {@code
 * mas[1].objectTypes[0].importFlows.cn: template names 'givenNam', which is not an attribute of
 * 'inetOrgPerson'}.
 *
 * <p>Stateless and thread-safe.
 */
public final class ConfigValidator {

  private ConfigValidator() {}

  /**
   * Validates and compiles.
   *
   * @param connectors connector factories by type
   * @throws EngineConfigException listing every problem
   */
  public static EngineModel compile(EngineConfig config, Map<String, ConnectorFactory> connectors) {
    List<String> problems = new ArrayList<>();
    Map<String, EngineModel.MvType> metaverse = new LinkedHashMap<>();
    Set<String> maNames = new HashSet<>();
    config.mas().forEach(m -> maNames.add(m == null ? "" : m.name()));

    config.metaverse().forEach((name, type) -> {
      String at = "metaverse." + name;
      if (type == null || type.attributes().isEmpty()) {
        problems.add(at + ".attributes: a metaverse type needs at least one attribute");
        return;
      }
      for (String ma : type.deleteWhenDisconnectedFrom()) {
        if (!maNames.contains(ma)) {
          problems.add(at + ".deleteWhenDisconnectedFrom: '" + ma + "' is not an MA; known: "
              + maNames);
        }
      }
      metaverse.put(name, new EngineModel.MvType(name, lower(type.attributes()),
          Set.copyOf(type.deleteWhenDisconnectedFrom())));
    });

    if (config.mas().isEmpty()) {
      problems.add("mas: the embedded engine needs at least one management agent");
    }
    List<EngineModel.Ma> mas = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < config.mas().size(); i++) {
      MaConfig ma = config.mas().get(i);
      String at = "mas[" + i + "]";
      if (ma == null || ma.name() == null || ma.name().isBlank()) {
        problems.add(at + ".name: every MA needs a name");
        continue;
      }
      if (!seen.add(ma.name())) {
        problems.add(at + ".name: MA '" + ma.name() + "' is defined twice");
        continue;
      }
      EngineModel.Ma compiled = compileMa(ma, i, at, metaverse, connectors, problems);
      if (compiled != null) {
        mas.add(compiled);
      }
    }
    if (!problems.isEmpty()) {
      throw new EngineConfigException(problems);
    }
    return new EngineModel(config.store(), Map.copyOf(metaverse), List.copyOf(mas));
  }

  private static EngineModel.Ma compileMa(MaConfig ma, int index, String at,
      Map<String, EngineModel.MvType> metaverse, Map<String, ConnectorFactory> connectors,
      List<String> problems) {
    int before = problems.size();
    String connectorType = null;
    if (ma.connector() == null || ma.connector().type() == null) {
      problems.add(at + ".connector.type: expected one of " + connectors.keySet());
    } else {
      connectorType = ma.connector().type();
      ConnectorFactory factory = connectors.get(connectorType);
      if (factory == null) {
        problems.add(at + ".connector.type: unknown connector type '" + connectorType
            + "'; known: " + connectors.keySet());
      } else {
        for (String problem : factory.validate(ma.connector().options())) {
          problems.add(at + ".connector.options." + problem);
        }
      }
    }
    Set<String> partitions = new LinkedHashSet<>(ma.partitions());
    if (partitions.size() != ma.partitions().size()) {
      problems.add(at + ".partitions: a partition is listed twice");
    }
    Function<String, String> partition = p -> {
      if (p == null) {
        return partitions.size() == 1 ? partitions.iterator().next() : null;
      }
      return partitions.stream().filter(x -> x.equalsIgnoreCase(p)).findFirst().orElse(null);
    };

    Map<String, EngineModel.Type> types = new LinkedHashMap<>();
    for (int t = 0; t < ma.objectTypes().size(); t++) {
      ObjectTypeConfig type = ma.objectTypes().get(t);
      String tat = at + ".objectTypes[" + t + "]";
      EngineModel.Type compiled = compileType(type, tat, metaverse, partition,
          "ldap".equals(connectorType), problems);
      if (compiled != null && types.putIfAbsent(compiled.name(), compiled) != null) {
        problems.add(tat + ".name: object type '" + compiled.name() + "' is defined twice");
      }
    }
    if (ma.objectTypes().isEmpty()) {
      problems.add(at + ".objectTypes: an MA needs at least one object type");
    }

    Map<String, RunProfile> profiles = new LinkedHashMap<>();
    ma.profiles().forEach((name, steps) -> {
      String pat = at + ".profiles." + name;
      if (steps == null || steps.isEmpty()) {
        problems.add(pat + ": a run profile needs at least one step");
        return;
      }
      List<ProfileStep> compiled = new ArrayList<>();
      for (int s = 0; s < steps.size(); s++) {
        MaConfig.StepConfig step = steps.get(s);
        String sat = pat + "[" + s + "]";
        StepKind kind = step == null ? null : stepKind(step.kind());
        if (kind == null) {
          problems.add(sat + ".kind: expected FullImport, DeltaImport, FullSync, DeltaSync,"
              + " Export, FullImportDeltaSync, DeltaImportDeltaSync or FullImportFullSync; got '"
              + (step == null ? null : step.kind()) + "'");
          continue;
        }
        String p = partition.apply(step.partition());
        if (p == null) {
          problems.add(sat + ".partition: " + (step.partition() == null
              ? "name a partition; the MA has " + partitions
              : "'" + step.partition() + "' is not a partition of the MA; it has " + partitions));
          continue;
        }
        compiled.add(new ProfileStep(kind, p));
      }
      if (compiled.size() == steps.size()) {
        profiles.put(name, new RunProfile(name, compiled));
      }
    });
    if (problems.size() > before) {
      return null;
    }
    Map<String, String> hints = new LinkedHashMap<>();
    if ("ldap".equals(connectorType)) {
      Map<String, String> o = ma.connector().options();
      for (String key : List.of("host", "port", "security", "objectClasses")) {
        if (o.containsKey(key)) {
          hints.put(key, o.get(key));
        }
      }
      hints.put("baseDn", partitions.iterator().next());
    }
    ManagementAgent description = new ManagementAgent(ma.name(), ma.name(), ma.category(),
        partitions.stream().map(Partition::named).toList(), List.copyOf(profiles.values()),
        Set.of("import", "export", "delta-import"), hints);
    return new EngineModel.Ma(ma.name(), index, connectorType, ma.connector().options(),
        List.copyOf(partitions), Map.copyOf(types), profiles, description);
  }

  private static EngineModel.Type compileType(ObjectTypeConfig type, String at,
      Map<String, EngineModel.MvType> metaverse, Function<String, String> partition,
      boolean ldap, List<String> problems) {
    if (type == null || type.name() == null || type.name().isBlank()) {
      problems.add(at + ".name: every object type needs a name");
      return null;
    }
    int before = problems.size();
    Set<String> attributes = lower(type.attributes());
    if (attributes.isEmpty()) {
      problems.add(at + ".attributes: list the attributes of '" + type.name() + "'");
    }
    String anchor = type.anchor() == null ? null : type.anchor().toLowerCase(Locale.ROOT);
    if (anchor == null || !attributes.contains(anchor)) {
      problems.add(at + ".anchor: expected one of the type's attributes " + attributes
          + "; got '" + type.anchor() + "'");
    }
    EngineModel.MvType mv = null;
    if (type.metaverseType() != null) {
      mv = metaverse.get(type.metaverseType());
      if (mv == null) {
        problems.add(at + ".metaverseType: '" + type.metaverseType()
            + "' is not a metaverse type; known: " + metaverse.keySet());
      }
    }
    boolean needsMv = !type.join().isEmpty() || type.project() || !type.importFlows().isEmpty()
        || !type.exportFlows().isEmpty() || type.provision() != null;
    if (needsMv && type.metaverseType() == null) {
      problems.add(at + ".metaverseType: join, projection, flows and provisioning need a"
          + " metaverse type");
    }
    Set<String> mvAttributes = mv == null ? Set.of() : mv.attributes();
    Map<String, String> join = new LinkedHashMap<>();
    for (int j = 0; j < type.join().size(); j++) {
      JoinCondition c = type.join().get(j);
      String jat = at + ".join[" + j + "]";
      if (c == null || c.cs() == null || !attributes.contains(c.cs().toLowerCase(Locale.ROOT))) {
        problems.add(jat + ".cs: expected an attribute of '" + type.name() + "' " + attributes
            + "; got '" + (c == null ? null : c.cs()) + "'");
        continue;
      }
      if (mv != null && (c.mv() == null || !mvAttributes.contains(c.mv().toLowerCase(
          Locale.ROOT)))) {
        problems.add(jat + ".mv: expected an attribute of metaverse type '" + mv.name() + "' "
            + mvAttributes + "; got '" + c.mv() + "'");
        continue;
      }
      if (c.mv() != null) {
        join.put(c.cs().toLowerCase(Locale.ROOT), c.mv().toLowerCase(Locale.ROOT));
      }
    }
    Map<String, Expression> importFlows = flows(type.importFlows(), at + ".importFlows",
        mvAttributes, "metaverse type '" + type.metaverseType() + "'", attributes,
        "'" + type.name() + "'", problems);
    Map<String, Expression> exportFlows = flows(type.exportFlows(), at + ".exportFlows",
        attributes, "'" + type.name() + "'", mvAttributes,
        "metaverse type '" + type.metaverseType() + "'", problems);
    EngineModel.Provision provision = null;
    if (type.provision() != null) {
      ObjectTypeConfig.Provision p = type.provision();
      String pat = at + ".provision";
      String target = partition.apply(p.partition());
      if (target == null) {
        problems.add(pat + ".partition: expected a partition of the MA; got '" + p.partition()
            + "'");
      }
      Expression dn = null;
      try {
        dn = Expression.parse(p.dn());
        for (String a : dn.attributes()) {
          if (!mvAttributes.contains(a)) {
            problems.add(pat + ".dn: names '" + a + "', which is not an attribute of metaverse"
                + " type '" + type.metaverseType() + "' " + mvAttributes);
          }
        }
        if (ldap && !com.unboundid.ldap.sdk.DN.isValidDN(String.join("",
            dn.evaluate(x -> List.of("x"))))) {
          problems.add(pat + ".dn: '" + p.dn() + "' does not make a valid LDAP DN");
        }
      } catch (IllegalArgumentException e) {
        problems.add(pat + ".dn: " + e.getMessage());
      }
      for (String w : p.when()) {
        if (!mvAttributes.contains(w.toLowerCase(Locale.ROOT))) {
          problems.add(pat + ".when: '" + w + "' is not an attribute of metaverse type '"
              + type.metaverseType() + "'");
        }
      }
      if (target != null && dn != null) {
        provision = new EngineModel.Provision(target, dn, List.copyOf(lower(p.when())));
      }
    }
    if (type.deprovision() != null && !Set.of("delete", "disconnect")
        .contains(type.deprovision())) {
      problems.add(at + ".deprovision: expected delete or disconnect; got '"
          + type.deprovision() + "'");
    }
    if (problems.size() > before) {
      return null;
    }
    return new EngineModel.Type(type.name(), anchor, attributes, type.metaverseType(),
        Map.copyOf(join), type.project(), importFlows, exportFlows, provision,
        type.deprovisionDeletes());
  }

  private static Map<String, Expression> flows(Map<String, Object> specs, String at,
      Set<String> targets, String targetOwner, Set<String> sources, String sourceOwner,
      List<String> problems) {
    Map<String, Expression> result = new LinkedHashMap<>();
    specs.forEach((target, spec) -> {
      String fat = at + "." + target;
      String t = target.toLowerCase(Locale.ROOT);
      if (!targets.contains(t)) {
        problems.add(fat + ": '" + target + "' is not an attribute of " + targetOwner + " "
            + targets);
        return;
      }
      try {
        Expression e = Expression.parse(spec);
        for (String a : e.attributes()) {
          if (!sources.contains(a)) {
            problems.add(fat + ": names '" + a + "', which is not an attribute of " + sourceOwner
                + " " + sources);
          }
        }
        result.put(t, e);
      } catch (IllegalArgumentException e) {
        problems.add(fat + ": " + e.getMessage());
      }
    });
    return Map.copyOf(result);
  }

  private static final Map<String, StepKind> KINDS = new HashMap<>();

  static {
    for (StepKind k : StepKind.values()) {
      KINDS.put(k.name().replace("_", "").toLowerCase(Locale.ROOT), k);
    }
  }

  static StepKind stepKind(String text) {
    return text == null ? null
        : KINDS.get(text.replace("_", "").replace("+", "").replace(" ", "")
            .toLowerCase(Locale.ROOT));
  }

  private static Set<String> lower(List<String> names) {
    Set<String> result = new LinkedHashSet<>();
    for (String n : names) {
      if (n != null) {
        result.add(n.toLowerCase(Locale.ROOT));
      }
    }
    return result;
  }
}
