package org.autosync.host.controller;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.autosync.host.controller.ControllerEvent.Type;

/** Records controller events and waits for them; never sleeps. */
final class EventRecorder implements Consumer<ControllerEvent> {
  private final List<ControllerEvent> events = new CopyOnWriteArrayList<>();

  @Override
  public void accept(ControllerEvent event) {
    events.add(event);
  }

  List<ControllerEvent> all() {
    return List.copyOf(events);
  }

  List<ControllerEvent> of(Type type) {
    return events.stream().filter(e -> e.type() == type).toList();
  }

  List<ControllerEvent> of(Type type, String ma) {
    return events.stream().filter(e -> e.type() == type && ma.equals(e.ma())).toList();
  }

  ControllerEvent await(Type type, Predicate<ControllerEvent> condition) {
    return org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(
        () -> events.stream().filter(e -> e.type() == type && condition.test(e)).findFirst(),
        java.util.Optional::isPresent).get();
  }

  ControllerEvent await(Type type, String ma) {
    return await(type, e -> ma.equals(e.ma()));
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    events.forEach(e -> sb.append(e).append('\n'));
    return sb.toString();
  }
}
