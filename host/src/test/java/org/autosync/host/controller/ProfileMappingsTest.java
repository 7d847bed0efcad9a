package org.autosync.host.controller;

import static org.autosync.host.controller.Fixtures.ma;
import static org.autosync.host.controller.Fixtures.profile;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.autosync.api.ProfileType;
import org.autosync.api.engine.StepKind;
import org.junit.jupiter.api.Test;

class ProfileMappingsTest {

  @Test
  void discovery_maps_single_step_profiles_by_kind() {
    var m = ProfileMappings.discover(ma("HR", "LDAP",
        profile("Full", StepKind.FULL_IMPORT), profile("Delta", StepKind.DELTA_IMPORT),
        profile("DS", StepKind.DELTA_SYNC), profile("FS", StepKind.FULL_SYNC),
        profile("E", StepKind.EXPORT), profile("All", StepKind.DELTA_IMPORT, StepKind.DELTA_SYNC),
        profile("Combined", StepKind.DELTA_IMPORT_DELTA_SYNC)));
    assertEquals(Optional.of("Delta"), m.profileFor("default", ProfileType.DELTA_IMPORT));
    assertEquals(Optional.of("Delta"), m.profileFor("default", ProfileType.SCHEDULED_IMPORT));
    assertEquals(Optional.of("Delta"), m.profileFor("default", ProfileType.CONFIRMING_IMPORT));
    assertEquals(Optional.of("Full"), m.profileFor("DEFAULT", ProfileType.FULL_IMPORT));
    assertEquals(Optional.of("DS"), m.profileFor("default", ProfileType.DELTA_SYNC));
    assertEquals(Optional.of("FS"), m.profileFor("default", ProfileType.FULL_SYNC));
    assertEquals(Optional.of("E"), m.profileFor("default", ProfileType.EXPORT));
  }

  @Test
  void without_a_delta_import_the_full_import_serves_every_import_type() {
    var m = ProfileMappings.discover(ma("CSV", "CSV", profile("FI", StepKind.FULL_IMPORT)));
    assertEquals(Optional.of("FI"), m.profileFor("default", ProfileType.DELTA_IMPORT));
    assertEquals(Optional.of("FI"), m.profileFor("default", ProfileType.CONFIRMING_IMPORT));
    assertEquals(Optional.empty(), m.profileFor("default", ProfileType.EXPORT));
  }
}
