package org.autosync.testkit;

/** The fake engine keeps the engine contract. */
class FakeEngineContractTest extends SyncEngineContract {
  @Override
  protected Fixture fixture() {
    FakeEngine engine = FakeEngine.builder()
        .ma("HR", ma -> ma.standardProfiles())
        .ma("AD", ma -> ma.standardProfiles())
        .flow("HR", "AD")
        .build();
    return new Fixture(engine, "HR", "DI", "DS",
        () -> engine.changeInConnectedSystem("HR", "default", 1),
        () -> {
          RunGate gate = engine.onRun("HR", "DI").blockUntilReleased();
          return new Block(gate::awaitStarted, gate::release);
        });
  }
}
