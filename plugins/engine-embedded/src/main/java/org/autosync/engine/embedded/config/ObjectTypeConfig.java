package org.autosync.engine.embedded.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An object type of an MA with its attributes and rules.
 *
 * <pre>{@code
 * - name: inetOrgPerson
 *   anchor: employeeNumber
 *   attributes: [employeeNumber, givenName, sn, title, departmentNumber]
 *   metaverseType: person
 *   join: [{cs: employeeNumber, mv: employeeNumber}]   # all conditions must hold
 *   project: true                                      # no join: create a metaverse object
 *   importFlows:                                       # metaverse attribute: expression
 *     employeeNumber: employeeNumber                   #   direct
 *     cn: "${givenName} ${sn}"                         #   template
 *     company: "'Example Corp'"                        #   constant
 *   exportFlows:                                       # this type's attribute: expression
 *     mail: "${lower(givenName)}.${lower(sn)}@corp.example"
 *     objectClass: [top, person, organizationalPerson, inetOrgPerson]   # constant values
 *   provision:                                         # create one for every metaverse person
 *     partition: "ou=users,dc=corp,dc=example"
 *     dn: "uid=${uid},ou=users,dc=corp,dc=example"
 *     when: [employeeNumber, uid]                      # only when these are present
 *   deprovision: delete                                # or: disconnect
 * }</pre>
 *
 * <p>Expressions: a bare attribute name copies every value; {@code 'text'} is a constant; text with
 * {@code ${attr}}, {@code ${lower(attr)}}, {@code ${upper(attr)}} or {@code ${trim(attr)}} is a
 * template, which yields nothing when an attribute it names has no value; a YAML list is a constant
 * with several values. Immutable and thread-safe.
 *
 * @param name the type's name as the connector reports it (LDAP: the object class)
 * @param anchor the attribute whose value identifies an object for ever (never renamed)
 * @param attributes the attributes this type has
 * @param metaverseType the metaverse type its objects join or project to; null when they never do
 * @param join conditions to find an existing metaverse object; empty: no join
 * @param project whether an object that does not join creates a metaverse object
 * @param importFlows metaverse attribute → expression over this type's attributes
 * @param exportFlows this type's attribute → expression over metaverse attributes
 * @param provision when set, an object of this type is created for every metaverse object of
 *     {@code metaverseType} that has the listed attributes
 * @param deprovision what happens to a provisioned object whose metaverse object goes: {@code
 *     delete} (the default: export a delete) or {@code disconnect} (leave it in the system)
 */
public record ObjectTypeConfig(
    @JsonProperty("name") String name,
    @JsonProperty("anchor") String anchor,
    @JsonProperty("attributes") List<String> attributes,
    @JsonProperty("metaverseType") @Nullable String metaverseType,
    @JsonProperty("join") List<JoinCondition> join,
    @JsonProperty("project") boolean project,
    @JsonProperty("importFlows") Map<String, Object> importFlows,
    @JsonProperty("exportFlows") Map<String, Object> exportFlows,
    @JsonProperty("provision") @Nullable Provision provision,
    @JsonProperty("deprovision") @Nullable String deprovision) {

  public ObjectTypeConfig {
    attributes = attributes == null ? List.of() : List.copyOf(attributes);
    join = join == null ? List.of() : List.copyOf(join);
    importFlows = importFlows == null ? Map.of()
        : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(importFlows));
    exportFlows = exportFlows == null ? Map.of()
        : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(exportFlows));
  }

  /** One join condition: the connector-space attribute equals the metaverse attribute. */
  public record JoinCondition(@JsonProperty("cs") String cs, @JsonProperty("mv") String mv) {}

  /**
   * Provisioning of this type from the metaverse.
   *
   * @param partition the partition new objects go to; may be omitted when the MA has one
   * @param dn the new object's DN, a template over metaverse attributes
   * @param when metaverse attributes that must have a value for the object to exist
   */
  public record Provision(
      @JsonProperty("partition") @Nullable String partition,
      @JsonProperty("dn") String dn,
      @JsonProperty("when") List<String> when) {
    public Provision {
      when = when == null ? List.of() : List.copyOf(when);
    }
  }

  /** Whether deprovisioning deletes the object (the default) rather than disconnecting it. */
  public boolean deprovisionDeletes() {
    return deprovision == null || deprovision.equals("delete");
  }
}
