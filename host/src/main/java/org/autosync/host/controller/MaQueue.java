package org.autosync.host.controller;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One MA's FIFO queue with coalescing. Confined to the controller thread.
 *
 * <p>A request equal to one already queued (same profile, same exclusive flag) is merged into it;
 * with {@code front} the merged one moves to the head. The running request is not in the queue,
 * so it is never merged with.
 */
final class MaQueue {
  private final ArrayDeque<QueuedRun> items = new ArrayDeque<>();

  /**
   * Queues {@code run}, or merges it into an equal queued one.
   *
   * @return the queued item that now carries the request: {@code run} itself when it was added,
   *     otherwise the item it was merged into
   */
  QueuedRun offer(QueuedRun run, boolean front) {
    QueuedRun existing = find(run);
    if (existing != null) {
      existing.absorb(run);
      if (front) {
        items.remove(existing);
        items.addFirst(existing);
      }
      return existing;
    }
    if (front) {
      items.addFirst(run);
    } else {
      items.addLast(run);
    }
    return run;
  }

  /** Puts a run back at the head (a retry), merging any equal request queued meanwhile. */
  void requeueFront(QueuedRun run) {
    QueuedRun existing = find(run);
    if (existing != null) {
      items.remove(existing);
      run.absorb(existing);
    }
    items.addFirst(run);
  }

  private @Nullable QueuedRun find(QueuedRun run) {
    for (QueuedRun item : items) {
      if (item.sameWorkAs(run)) {
        return item;
      }
    }
    return null;
  }

  /** Whether {@code run} itself (not an equal one) is in the queue. */
  boolean contains(QueuedRun run) {
    for (QueuedRun item : items) {
      if (item == run) {
        return true;
      }
    }
    return false;
  }

  /** Takes {@code run} itself out of the queue; whether it was there. */
  boolean remove(QueuedRun run) {
    Iterator<QueuedRun> it = items.iterator();
    while (it.hasNext()) {
      if (it.next() == run) {
        it.remove();
        return true;
      }
    }
    return false;
  }

  @Nullable QueuedRun peek() {
    return items.peekFirst();
  }

  QueuedRun poll() {
    return items.removeFirst();
  }

  boolean isEmpty() {
    return items.isEmpty();
  }

  int size() {
    return items.size();
  }

  List<QueuedRun> snapshot() {
    return List.copyOf(items);
  }

  /** Empties the queue and returns what it held. */
  List<QueuedRun> clear() {
    List<QueuedRun> all = List.copyOf(items);
    items.clear();
    return all;
  }

  Iterator<QueuedRun> iterator() {
    return items.iterator();
  }
}
