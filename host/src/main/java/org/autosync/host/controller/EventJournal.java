package org.autosync.host.controller;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.autosync.host.controller.ControllerEvent.Severity;
import org.autosync.host.controller.ControllerEvent.Type;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controller's event stream: numbers events, keeps the most recent ones for "why" questions,
 * and hands each to the subscribed listeners.
 *
 * <p>Thread-safe. Listeners are called on the thread that published the event (usually the
 * controller's own thread) in publication order; they must return quickly and never block. A
 * listener that throws is logged and keeps its subscription.
 */
public final class EventJournal {

  /** How many recent events are kept by default. */
  public static final int DEFAULT_CAPACITY = 10_000;

  private static final Logger LOG = LoggerFactory.getLogger(EventJournal.class);

  private final int capacity;
  private final ReentrantLock lock = new ReentrantLock();
  private final ArrayDeque<ControllerEvent> recent = new ArrayDeque<>();
  private final List<Consumer<ControllerEvent>> listeners = new CopyOnWriteArrayList<>();
  private long sequence;

  public EventJournal() {
    this(DEFAULT_CAPACITY);
  }

  public EventJournal(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
    }
    this.capacity = capacity;
  }

  /**
   * Subscribes a listener.
   *
   * @return closing it unsubscribes
   */
  public AutoCloseable subscribe(Consumer<ControllerEvent> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  /** Records and publishes an event. */
  public ControllerEvent publish(Instant time, Type type, Severity severity, @Nullable String ma,
      @Nullable String profile, @Nullable Long runNumber, String message) {
    ControllerEvent event;
    lock.lock();
    try {
      event = new ControllerEvent(++sequence, time, type, severity, ma, profile, runNumber,
          message);
      if (recent.size() == capacity) {
        recent.removeFirst();
      }
      recent.addLast(event);
      for (Consumer<ControllerEvent> listener : listeners) {
        try {
          listener.accept(event);
        } catch (RuntimeException e) {
          LOG.warn("Event listener {} failed on event {}", listener, event.sequence(), e);
        }
      }
    } finally {
      lock.unlock();
    }
    return event;
  }

  /** The most recent events, oldest first. */
  public List<ControllerEvent> recent() {
    lock.lock();
    try {
      return new ArrayList<>(recent);
    } finally {
      lock.unlock();
    }
  }

  /** The most recent events about {@code ma}, oldest first. */
  public List<ControllerEvent> recent(String ma) {
    return recent().stream().filter(e -> ma.equals(e.ma())).toList();
  }
}
