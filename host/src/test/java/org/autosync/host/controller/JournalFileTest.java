package org.autosync.host.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import org.autosync.host.controller.ControllerEvent.Severity;
import org.autosync.host.controller.ControllerEvent.Type;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalFileTest {

  @TempDir Path dir;

  private static ControllerEvent event(long seq, String message) {
    return new ControllerEvent(seq, Instant.parse("2026-01-05T08:00:00Z").plusSeconds(seq),
        Type.RUN_STARTED, Severity.INFO, seq % 2 == 0 ? "HR" : null, "DI",
        seq % 3 == 0 ? seq : null, message);
  }

  @Test
  void events_are_read_back_as_written() {
    try (var journal = new JournalFile(dir)) {
      for (long i = 1; i <= 3; i++) {
        journal.accept(event(i, "started 'DI' \"quoted\" ünïcode"));
      }
    }
    List<ControllerEvent> read = JournalFile.read(dir);
    assertEquals(List.of(event(1, "started 'DI' \"quoted\" ünïcode"),
        event(2, "started 'DI' \"quoted\" ünïcode"), event(3, "started 'DI' \"quoted\" ünïcode")),
        read);
    assertNull(read.getFirst().ma());
  }

  @Test
  void the_journal_rolls_over_and_keeps_a_bounded_number_of_files() throws Exception {
    try (var journal = new JournalFile(dir, 300, 2)) {
      for (long i = 1; i <= 40; i++) {
        journal.accept(event(i, "x".repeat(50)));
      }
    }
    try (var files = Files.list(dir)) {
      assertEquals(3, files.count());
    }
    List<ControllerEvent> read = JournalFile.read(dir);
    assertEquals(40, read.getLast().sequence(), "newest kept");
    assertTrue(read.getFirst().sequence() > 1, "oldest dropped");
    for (int i = 1; i < read.size(); i++) {
      assertEquals(read.get(i - 1).sequence() + 1, read.get(i).sequence(), "in order, no gaps");
    }
  }

  @Test
  void a_torn_last_line_is_skipped() throws Exception {
    try (var journal = new JournalFile(dir)) {
      journal.accept(event(1, "whole"));
    }
    Files.writeString(dir.resolve("journal.jsonl"), "{\"seq\":2,\"ti",
        StandardOpenOption.APPEND);
    try (var journal = new JournalFile(dir)) {
      journal.accept(event(3, "after restart"));
    }
    assertEquals(List.of(1L, 3L), JournalFile.read(dir).stream()
        .map(ControllerEvent::sequence).toList());
  }
}
