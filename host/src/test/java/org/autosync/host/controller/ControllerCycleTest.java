package org.autosync.host.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.autosync.api.ProfileType;
import org.autosync.api.engine.RunProfile;
import org.autosync.api.engine.StepKind;
import org.autosync.host.controller.ControllerEvent.Type;
import org.autosync.testkit.RunRecord;
import org.junit.jupiter.api.Test;

class ControllerCycleTest {

  private static Harness hrToAd() {
    return new Harness(b -> b
        .ma("HR", ma -> ma.category("LDAP").standardProfiles())
        .ma("AD", ma -> ma.category("AD").standardProfiles())
        .flow("HR", "AD"), s -> s);
  }

  @Test
  void an_import_with_outbound_changes_runs_sync_export_confirming_import_and_sync_then_rests() {
    try (Harness h = hrToAd().start()) {
      h.engine.changeInConnectedSystem("HR", "default", 1);
      h.submit("HR", ProfileType.DELTA_IMPORT);
      h.awaitQuiet();
      assertEquals(List.of("HR DI", "HR DS", "AD E", "AD DI", "AD DS"), h.runs());
      assertTrue(h.engine.isQuiet(), h.engine.describeModel());
      assertEquals(List.of(), h.engine.refusals());
    }
  }

  @Test
  void every_run_says_why_it_ran() {
    try (Harness h = hrToAd().start()) {
      h.engine.changeInConnectedSystem("HR", "default", 2);
      h.submit("HR", ProfileType.DELTA_IMPORT);
      h.awaitQuiet();
      List<String> reasons = h.events.of(Type.RUN_STARTED).stream()
          .map(ControllerEvent::message).toList();
      assertTrue(reasons.get(0).contains("trigger 'test'"), reasons.get(0));
      assertTrue(reasons.get(1).contains("follow-up of 'HR' run 1: step 1 staged 2 change(s)"),
          reasons.get(1));
      assertTrue(reasons.get(2).contains("sent 2 outbound change(s) to 'AD'"), reasons.get(2));
      assertTrue(reasons.get(3).contains("exported to 'default'"), reasons.get(3));
    }
  }

  @Test
  void an_import_that_stages_nothing_is_the_end_of_it() {
    try (Harness h = hrToAd().start()) {
      h.submit("HR", ProfileType.DELTA_IMPORT);
      h.awaitQuiet();
      assertEquals(List.of("HR DI"), h.runs());
    }
  }

  @Test
  void pending_work_left_in_the_engine_is_run_at_start_up() {
    try (Harness h = hrToAd()) {
      h.engine.changeInConnectedSystem("HR", "default", 1);
      h.engine.run("HR", "DI"); // before AutoSync started: the change is staged, not synced
      h.start();
      h.awaitQuiet();
      assertEquals(List.of("HR DI", "HR DS", "AD E", "AD DI", "AD DS"), h.runs());
      assertTrue(h.events.of(Type.RECONCILED, "HR").getFirst().message()
          .contains("reconciliation at start-up"));
      assertTrue(h.engine.isQuiet(), h.engine.describeModel());
    }
  }

  @Test
  void a_run_started_outside_autosync_is_followed_up_like_its_own() {
    try (Harness h = hrToAd().start()) {
      h.engine.changeInConnectedSystem("HR", "default", 1);
      h.engine.startOutside("HR", "DI").join();
      h.events.await(Type.RUN_ENDED, e -> e.message().contains("started outside AutoSync"));
      h.awaitQuiet();
      assertEquals(List.of("HR DI", "HR DS", "AD E", "AD DI", "AD DS"), h.runs(),
          () -> "events:\n" + h.events);
      assertTrue(h.engine.isQuiet(), h.engine.describeModel());
    }
  }

  @Test
  void a_sync_running_while_pending_work_is_read_covers_what_it_synchronizes() {
    // The follow-up sync of an outside import is still running when the reconciliation after
    // that import reads the engine's pending work, which still shows the change as staged.
    try (Harness h = hrToAd().start()) {
      var sync = h.engine.onRun("HR", "DS").blockUntilReleased();
      h.engine.changeInConnectedSystem("HR", "default", 1);
      h.engine.startOutside("HR", "DI").join();
      sync.awaitStarted();
      h.events.await(Type.RECONCILED, e -> "HR".equals(e.ma())
          && e.message().contains("started a sync"));
      sync.release();
      h.awaitQuiet();
      assertEquals(List.of("HR DI", "HR DS", "AD E", "AD DI", "AD DS"), h.runs(),
          () -> "events:\n" + h.events);
    }
  }

  @Test
  void a_run_started_outside_holds_its_ma_and_the_sync_slot_until_it_ends() {
    try (Harness h = hrToAd().start()) {
      var gate = h.engine.onRun("HR", "DS").blockUntilReleased();
      var outside = h.engine.startOutside("HR", "DS");
      gate.awaitStarted();
      h.events.await(Type.OUTSIDE_RUN_STARTED, "HR");
      h.submit("AD", ProfileType.DELTA_IMPORT);
      h.events.await(Type.WAITING, "AD");
      MaStatus ad = h.controller.status("AD");
      assertEquals(MaState.WAITING, ad.state());
      assertTrue(ad.detail().contains("'HR' running 'DS' (started outside AutoSync)"),
          ad.detail());
      assertEquals(MaState.OUTSIDE_RUN, h.controller.status("HR").state());
      gate.release();
      outside.join();
      h.awaitQuiet();
      RunRecord sync = h.engine.runs().stream().filter(RunRecord::outside).findFirst().get();
      RunRecord imp = h.engine.runs().stream().filter(r -> r.ma().equals("AD")).findFirst().get();
      assertTrue(imp.startSeq() > sync.endSeq(), "AD import started after the outside sync");
    }
  }

  @Test
  void a_follow_up_with_no_mapped_profile_is_dropped_with_the_reason() {
    try (Harness h = new Harness(b -> b.ma("CSV", ma -> ma.category("CSV")
        .profile(RunProfile.of("FI", StepKind.FULL_IMPORT, "default"))), s -> s).start()) {
      h.engine.changeInConnectedSystem("CSV", "default", 1);
      h.submit("CSV", ProfileType.FULL_IMPORT);
      var dropped = h.events.await(Type.REQUEST_DROPPED, "CSV");
      assertTrue(dropped.message().contains(
          "no DeltaSync profile is mapped for partition 'default' of 'CSV'"), dropped.message());
      h.awaitQuiet();
    }
  }

  @Test
  void exports_go_only_to_target_partitions_with_pending_exports() {
    try (Harness h = new Harness(b -> b
        .ma("HR", ma -> ma.standardProfiles())
        .ma("AD", ma -> ma.partitions("DC=a", "DC=b").standardProfiles())
        .flow("HR", "AD", "DC=b"), s -> s).start()) {
      h.engine.changeInConnectedSystem("HR", "default", 1);
      h.submit("HR", ProfileType.DELTA_IMPORT);
      h.awaitQuiet();
      assertEquals(List.of("HR DI", "HR DS", "AD E:DC=b", "AD DI:DC=b", "AD DS:DC=b"), h.runs());
    }
  }
}
