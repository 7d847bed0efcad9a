package org.autosync.host.controller;

import static org.autosync.host.controller.Fixtures.ma;
import static org.autosync.host.controller.Fixtures.profile;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.autosync.api.engine.ManagementAgent;
import org.autosync.api.engine.RunProfile;
import org.autosync.api.engine.StepKind;
import org.junit.jupiter.api.Test;

class AdmissionTest {

  private static final RunProfile DI = profile("DI", StepKind.DELTA_IMPORT);
  private static final RunProfile DS = profile("DS", StepKind.DELTA_SYNC);
  private static final RunProfile E = profile("E", StepKind.EXPORT);
  private static final RunProfile FI_FS = profile("FIFS", StepKind.FULL_IMPORT_FULL_SYNC);

  private static final ManagementAgent HR = ma("HR", "LDAP", DI, DS, E);
  private static final ManagementAgent AD = ma("AD", "AD", DI, DS, E);
  private static final ManagementAgent CSV = ma("CSV", "CSV", DI, DS, E);
  private static final ManagementAgent MIMS = ma("MIMS", "FIM", DI, DS, E, FI_FS);

  private static Admission admission(RunMode mode) {
    return new Admission(mode, true, Map.of());
  }

  private static void admits(Admission.Decision d) {
    assertTrue(d.admitted(), d.reason());
  }

  private static void waits(Admission.Decision d, String reasonPart) {
    assertFalse(d.admitted(), "expected to wait");
    assertTrue(d.reason().contains(reasonPart), d.reason());
  }

  @Test
  void one_run_per_ma() {
    var a = admission(RunMode.UNSUPPORTED);
    waits(a.decide(a.shapeOf(HR, E, false), List.of(a.shapeOf(HR, DI, false)), List.of()),
        "one run per MA");
  }

  @Test
  void supported_mode_imports_and_exports_of_different_mas_overlap() {
    var a = admission(RunMode.SUPPORTED);
    admits(a.decide(a.shapeOf(HR, DI, false),
        List.of(a.shapeOf(AD, E, false), a.shapeOf(CSV, DI, false)), List.of()));
  }

  @Test
  void supported_mode_a_sync_runs_alone() {
    var a = admission(RunMode.SUPPORTED);
    waits(a.decide(a.shapeOf(HR, DS, false), List.of(a.shapeOf(AD, DI, false)), List.of()),
        "runs alone");
    waits(a.decide(a.shapeOf(AD, DI, false), List.of(a.shapeOf(HR, DS, false)), List.of()),
        "other runs alone");
    waits(a.decide(a.shapeOf(AD, DI, false), List.of(a.shapeOf(HR, FI_FS, false)), List.of()),
        "synchronizes");
  }

  @Test
  void exclusive_mode_every_run_is_alone() {
    var a = admission(RunMode.EXCLUSIVE);
    waits(a.decide(a.shapeOf(HR, DI, false), List.of(a.shapeOf(AD, E, false)), List.of()),
        "run mode exclusive");
  }

  @Test
  void unsupported_mode_syncs_are_serialised_but_overlap_imports_and_exports() {
    var a = admission(RunMode.UNSUPPORTED);
    admits(a.decide(a.shapeOf(HR, DS, false),
        List.of(a.shapeOf(AD, DI, false), a.shapeOf(CSV, E, false)), List.of()));
    waits(a.decide(a.shapeOf(HR, DS, false), List.of(a.shapeOf(AD, DS, false)), List.of()),
        "sync slot");
  }

  @Test
  void an_exclusive_request_runs_alone_in_any_mode() {
    var a = admission(RunMode.UNSUPPORTED);
    waits(a.decide(a.shapeOf(HR, DI, true), List.of(a.shapeOf(AD, DI, false)), List.of()),
        "exclusive request");
    admits(a.decide(a.shapeOf(HR, DI, true), List.of(), List.of()));
  }

  @Test
  void a_mim_service_delta_import_takes_the_sync_slot() {
    var a = admission(RunMode.UNSUPPORTED);
    waits(a.decide(a.shapeOf(MIMS, DI, false), List.of(a.shapeOf(HR, DS, false)), List.of()),
        "sync slot held");
    waits(a.decide(a.shapeOf(HR, DS, false), List.of(a.shapeOf(MIMS, DI, false)), List.of()),
        "delta import of MIM Service MA takes the sync slot");
    admits(a.decide(a.shapeOf(HR, DI, false), List.of(a.shapeOf(MIMS, DI, false)), List.of()));
  }

  @Test
  void a_mim_service_export_takes_the_sync_slot_unless_configured_otherwise() {
    var takes = new Admission(RunMode.UNSUPPORTED, true, Map.of());
    waits(takes.decide(takes.shapeOf(HR, DS, false), List.of(takes.shapeOf(MIMS, E, false)),
        List.of()), "export of MIM Service");
    var free = new Admission(RunMode.UNSUPPORTED, false, Map.of());
    admits(free.decide(free.shapeOf(MIMS, E, false), List.of(free.shapeOf(HR, DS, false)),
        List.of()));
  }

  @Test
  void lock_with_works_in_both_directions() {
    var a = new Admission(RunMode.UNSUPPORTED, true, Map.of("HR", Set.of("AD")));
    waits(a.decide(a.shapeOf(HR, DI, false), List.of(a.shapeOf(AD, E, false)), List.of()),
        "lockWith 'AD'");
    waits(a.decide(a.shapeOf(AD, E, false), List.of(a.shapeOf(HR, DI, false)), List.of()),
        "lockWith 'HR'");
    admits(a.decide(a.shapeOf(CSV, E, false), List.of(a.shapeOf(HR, DI, false)), List.of()));
  }

  @Test
  void an_outside_sync_holds_the_sync_slot_and_an_unknown_profile_is_assumed_to_sync() {
    var a = admission(RunMode.UNSUPPORTED);
    waits(a.decide(a.shapeOf(AD, DS, false),
        List.of(a.shapeOfOutside(HR, "DS", DS)), List.of()), "started outside AutoSync");
    waits(a.decide(a.shapeOf(AD, DS, false),
        List.of(a.shapeOfOutside(HR, "Nightly", null)), List.of()), "assumed to synchronize");
    admits(a.decide(a.shapeOf(AD, DS, false),
        List.of(a.shapeOfOutside(HR, "DI", DI)), List.of()));
  }

  @Test
  void a_waiting_alone_run_first_in_line_stops_new_admissions() {
    var a = admission(RunMode.SUPPORTED);
    var waitingSync = a.shapeOf(HR, DS, false);
    waits(a.decide(a.shapeOf(CSV, DI, false), List.of(a.shapeOf(AD, DI, false)),
        List.of(waitingSync)), "behind earlier request 'HR' 'DS'");
  }

  @Test
  void a_later_request_that_does_not_conflict_with_the_waiting_one_may_pass() {
    var a = admission(RunMode.UNSUPPORTED);
    var waitingSync = a.shapeOf(HR, DS, false);
    admits(a.decide(a.shapeOf(CSV, DI, false), List.of(a.shapeOf(AD, DS, false)),
        List.of(waitingSync)));
    waits(a.decide(a.shapeOf(CSV, DS, false), List.of(), List.of(waitingSync)),
        "behind earlier request");
  }
}
