package org.autosync.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ExecutionRequestTest {

  @Test
  void names_either_a_profile_or_a_type() {
    var e = assertThrows(IllegalArgumentException.class, () -> new ExecutionRequest(
        "HR", "DI", ProfileType.DELTA_IMPORT, null, false, false,
        RequestSource.operator("me", "")));
    assertTrue(e.getMessage().contains("not both"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new ExecutionRequest(
        "HR", null, null, null, false, false, RequestSource.operator("me", "")));
  }

  @Test
  void a_partition_goes_only_with_a_type() {
    assertThrows(IllegalArgumentException.class, () -> new ExecutionRequest(
        "HR", "DI", null, "default", false, false, RequestSource.operator("me", "")));
  }

  @Test
  void profile_types_parse_from_labels_and_constants() {
    assertEquals(ProfileType.CONFIRMING_IMPORT, ProfileType.parse("ConfirmingImport"));
    assertEquals(ProfileType.DELTA_SYNC, ProfileType.parse("delta_sync"));
    var e = assertThrows(IllegalArgumentException.class, () -> ProfileType.parse("Sync"));
    assertTrue(e.getMessage().contains("DeltaImport"), e.getMessage());
  }

  @Test
  void describes_itself_with_its_source() {
    var r = ExecutionRequest.ofType("HR", ProfileType.DELTA_IMPORT, "default")
        .withFront(true)
        .withSource(RequestSource.trigger("hr-watch", "3 changes"));
    assertEquals("'HR' DeltaImport on 'default' front (trigger 'hr-watch': 3 changes)",
        r.toString());
  }
}
