package org.autosync.testkit;

import java.util.concurrent.CopyOnWriteArrayList;
import org.autosync.api.engine.RunListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The fake engine's run listeners; a listener that throws is logged and the others still hear. */
final class Listeners {
  private static final Logger LOG = LoggerFactory.getLogger(FakeEngine.class);

  private final CopyOnWriteArrayList<Subscription> subscriptions = new CopyOnWriteArrayList<>();

  AutoCloseable add(RunListener listener) {
    Subscription s = new Subscription(listener);
    subscriptions.add(s);
    return s;
  }

  void started(String ma, String profile) {
    for (Subscription s : subscriptions) {
      try {
        s.listener.runStarted(ma, profile);
      } catch (RuntimeException e) {
        LOG.warn("Run listener {} failed on the start of '{}' on '{}'", s.listener, profile, ma, e);
      }
    }
  }

  void ended(String ma, long runNumber, String result) {
    for (Subscription s : subscriptions) {
      try {
        s.listener.runEnded(ma, runNumber, result);
      } catch (RuntimeException e) {
        LOG.warn("Run listener {} failed on the end of run {} of '{}'", s.listener, runNumber, ma,
            e);
      }
    }
  }

  private final class Subscription implements AutoCloseable {
    final RunListener listener;

    Subscription(RunListener listener) {
      this.listener = listener;
    }

    @Override
    public void close() {
      subscriptions.remove(this);
    }
  }
}
