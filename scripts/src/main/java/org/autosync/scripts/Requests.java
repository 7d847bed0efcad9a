package org.autosync.scripts;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.autosync.api.ExecutionRequest;
import org.autosync.api.ProfileType;
import org.autosync.api.RequestSource;
import org.autosync.api.trigger.RunTarget;

/**
 * What a script hands to {@code ctx.fire(...)} or returns from {@code poll(ctx)}, as execution
 * requests:
 *
 * <ul>
 *   <li>nothing ({@code undefined}, {@code null}, {@code None}) or {@code false}: no request;
 *   <li>{@code true}: the trigger's configured target ({@code profile} or {@code profileType});
 *   <li>a text: the run profile of that name;
 *   <li>an object {@code {profile | profileType, partition, exclusive, front, reason}}: keys
 *       left out come from the configured target; {@code reason} is shown as the request's detail;
 *   <li>a list of those.
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
final class Requests {

  private static final Set<String> KEYS =
      Set.of("profile", "profileType", "partition", "exclusive", "front", "reason");

  private Requests() {}

  /**
   * The requests {@code value} stands for.
   *
   * @param fireNothing what {@code null} means: no request (a poll's result) or the configured
   *     target ({@code ctx.fire()} with no argument)
   * @throws IllegalArgumentException saying what was expected
   */
  static List<ExecutionRequest> from(JsonNode value, boolean fireNothing, String ma,
      RunTarget target, String triggerId, String detail) {
    List<ExecutionRequest> result = new ArrayList<>();
    if (value.isArray()) {
      for (JsonNode item : value) {
        if (item.isArray()) {
          throw new IllegalArgumentException("expected a list of profile names or request"
              + " objects, not a list inside a list");
        }
        add(item, true, ma, target, triggerId, detail, result);
      }
    } else {
      add(value, fireNothing, ma, target, triggerId, detail, result);
    }
    return result;
  }

  private static void add(JsonNode v, boolean fireNothing, String ma, RunTarget target,
      String triggerId, String detail, List<ExecutionRequest> out) {
    if (v.isNull() || v.isMissingNode()) {
      if (!fireNothing) {
        out.add(target.request(ma, RequestSource.trigger(triggerId, detail)));
      }
      return;
    }
    if (v.isBoolean()) {
      if (v.booleanValue()) {
        out.add(target.request(ma, RequestSource.trigger(triggerId, detail)));
      }
      return;
    }
    if (v.isTextual()) {
      if (v.textValue().isBlank()) {
        throw new IllegalArgumentException("a run profile name cannot be blank");
      }
      out.add(ExecutionRequest.ofProfile(ma, v.textValue())
          .withSource(RequestSource.trigger(triggerId, detail)));
      return;
    }
    if (!v.isObject()) {
      throw new IllegalArgumentException("expected nothing, true, a run profile name, a request"
          + " object such as {profileType: 'DeltaImport', partition: 'default'} or a list of"
          + " them; got " + v);
    }
    for (Iterator<String> it = v.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!KEYS.contains(key)) {
        throw new IllegalArgumentException("a request has no '" + key + "'; expected profile,"
            + " profileType, partition, exclusive, front or reason");
      }
    }
    String profile = text(v, "profile");
    String typeText = text(v, "profileType");
    String partition = text(v, "partition");
    if (profile != null && typeText != null) {
      throw new IllegalArgumentException("a request names a profile or a profileType, not both");
    }
    ProfileType type = typeText == null ? null : ProfileType.parse(typeText);
    if (profile == null && type == null) {
      profile = target.profile();
      type = target.type();
    }
    if (profile == null && partition == null) {
      partition = target.partition(); // {profileType: 'FullImport'} on the configured partition
    }
    if (profile != null && partition != null) {
      throw new IllegalArgumentException("a partition goes with a profileType only; the run"
          + " profile '" + profile + "' names its partitions");
    }
    boolean exclusive = v.has("exclusive") ? v.get("exclusive").asBoolean() : target.exclusive();
    boolean front = v.has("front") ? v.get("front").asBoolean() : target.front();
    String reason = text(v, "reason");
    ExecutionRequest base = profile != null ? ExecutionRequest.ofProfile(ma, profile)
        : ExecutionRequest.ofType(ma, type, partition);
    out.add(base.withExclusive(exclusive).withFront(front)
        .withSource(RequestSource.trigger(triggerId, reason != null ? reason : detail)));
  }

  private static String text(JsonNode v, String key) {
    JsonNode n = v.get(key);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isTextual() || n.textValue().isBlank()) {
      throw new IllegalArgumentException("a request's " + key + " is a non-blank text, got " + n);
    }
    return n.textValue();
  }
}
