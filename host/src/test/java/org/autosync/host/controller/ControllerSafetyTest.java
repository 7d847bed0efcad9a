package org.autosync.host.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.autosync.api.ProfileType;
import org.autosync.host.controller.ControllerEvent.Severity;
import org.autosync.host.controller.ControllerEvent.Type;
import org.autosync.host.controller.StagingThreshold.Operation;
import org.junit.jupiter.api.Test;

class ControllerSafetyTest {

  private static Harness withThreshold(StagingThreshold threshold) {
    return new Harness(b -> b
        .ma("HR", ma -> ma.standardProfiles().connectorSpaceSize(100))
        .ma("AD", ma -> ma.standardProfiles())
        .flow("HR", "AD"),
        s -> s.withMa(MaSettings.enabled("HR").withThresholds(List.of(threshold))));
  }

  @Test
  void an_import_staging_more_than_the_threshold_halts_the_ma_until_an_operator_resumes_it() {
    try (Harness h = withThreshold(StagingThreshold.absolute(Operation.UPDATE, 2)).start()) {
      h.engine.changeInConnectedSystem("HR", "default", 5);
      h.submit("HR", ProfileType.DELTA_IMPORT);
      var breach = h.events.await(Type.THRESHOLD_BREACHED, "HR");
      assertEquals(Severity.ALERT, breach.severity());
      assertTrue(breach.message().contains("staged 5 update(s) on 'default' (limit 2)"),
          breach.message());
      h.events.await(Type.REQUEST_QUEUED, e -> "HR".equals(e.ma()) && "DS".equals(e.profile()));
      MaStatus hr = h.controller.status("HR");
      assertEquals(MaState.HALTED, hr.state());
      assertTrue(hr.detail().contains("staging threshold breached"), hr.detail());
      assertEquals("DS", hr.queue().getFirst().profile());

      h.submit("AD", ProfileType.DELTA_IMPORT); // other MAs keep running
      h.engine.awaitRun(r -> r.ma().equals("AD"), java.time.Duration.ofSeconds(10));
      assertEquals(List.of("HR DI", "AD DI"), h.runs());

      h.controller.resume("HR");
      h.awaitQuiet();
      assertEquals(List.of("HR DI", "AD DI", "HR DS", "AD E", "AD DI", "AD DS"), h.runs());
    }
  }

  @Test
  void a_percentage_threshold_is_measured_against_the_connector_space() {
    try (Harness h = withThreshold(StagingThreshold.percentage(Operation.TOTAL, 10)).start()) {
      h.engine.changeInConnectedSystem("HR", "default", 10);
      h.submit("HR", ProfileType.DELTA_IMPORT);
      h.awaitQuiet();
      assertEquals(List.of(), h.events.of(Type.MA_HALTED));
      h.engine.changeInConnectedSystem("HR", "default", 11);
      h.submit("HR", ProfileType.DELTA_IMPORT);
      h.events.await(Type.MA_HALTED, "HR");
    }
  }

  @Test
  void an_operator_can_halt_an_ma_with_a_reason() {
    try (Harness h = withThreshold(StagingThreshold.absolute(Operation.DELETE, 100)).start()) {
      h.controller.halt("HR", "investigating bad HR feed");
      h.submit("HR", ProfileType.DELTA_IMPORT);
      h.events.await(Type.REQUEST_QUEUED, "HR");
      assertEquals("investigating bad HR feed", h.controller.status("HR").detail());
      assertEquals(List.of(), h.runs());
    }
  }
}
