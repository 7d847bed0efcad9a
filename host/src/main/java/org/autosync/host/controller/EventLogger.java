package org.autosync.host.controller;

import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Writes controller events to the log for operators: runs and lifecycle at INFO, waiting and
 * coalescing at DEBUG, warnings at WARN and alerts at ERROR, with the MA in the MDC key {@code ma}.
 *
 * <p>Thread-safe; subscribe it to {@link ExecutionController#events()}.
 */
public final class EventLogger implements Consumer<ControllerEvent> {

  private static final Logger LOG = LoggerFactory.getLogger("autosync.events");

  @Override
  public void accept(ControllerEvent e) {
    if (e.ma() != null) {
      MDC.put("ma", e.ma());
    }
    try {
      String ma = e.ma() == null ? "" : "'" + e.ma() + "' ";
      switch (e.severity()) {
        case DEBUG -> LOG.debug("{}{}: {}", ma, e.type(), e.message());
        case INFO -> LOG.info("{}{}: {}", ma, e.type(), e.message());
        case WARNING -> LOG.warn("{}{}: {}", ma, e.type(), e.message());
        case ALERT -> LOG.error("{}{}: {}", ma, e.type(), e.message());
      }
    } finally {
      MDC.remove("ma");
    }
  }
}
