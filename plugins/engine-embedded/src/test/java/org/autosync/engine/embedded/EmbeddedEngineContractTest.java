package org.autosync.engine.embedded;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.autosync.testkit.SyncEngineContract;

/** The embedded engine keeps the engine contract (with a durable store). */
class EmbeddedEngineContractTest extends SyncEngineContract {

  @org.junit.jupiter.api.io.TempDir Path dir;
  private int people;

  @Override
  protected Fixture fixture() throws Exception {
    Lab lab = new Lab(dir, true);
    lab.run("HR", "FI"); // the delta import needs its watermark
    return new Fixture(lab.engine, "HR", "DI", "DS",
        () -> lab.hr.put(Lab.person(Integer.toString(5000 + people++), "New", "Person", "T")),
        () -> {
          CountDownLatch gate = new CountDownLatch(1);
          lab.hr.importGate = gate;
          return new Block(() -> {
            try {
              lab.hr.importEntered.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }, gate::countDown);
        });
  }
}
