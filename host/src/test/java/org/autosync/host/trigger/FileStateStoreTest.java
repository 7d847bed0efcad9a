package org.autosync.host.trigger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileStateStoreTest {

  @TempDir Path dir;

  @Test
  void values_survive_a_new_store_on_the_same_file() {
    FileStateStore first = new FileStateStore(dir, "hr-changes");
    first.put("usn", "4711");
    first.put("cookie", "abc");
    first.remove("cookie");

    FileStateStore second = new FileStateStore(dir, "hr-changes");

    assertEquals(Optional.of("4711"), second.get("usn"));
    assertEquals(Optional.empty(), second.get("cookie"));
    assertEquals(dir.resolve("hr-changes.json"), second.file());
  }

  @Test
  void a_trigger_without_a_file_has_empty_state_and_the_directory_is_created_on_first_write() {
    Path nested = dir.resolve("state/triggers");
    FileStateStore store = new FileStateStore(nested, "hr-changes");

    assertEquals(Optional.empty(), store.get("usn"));
    assertFalse(Files.exists(nested), "reading creates nothing");

    store.put("usn", "1");
    assertTrue(Files.exists(nested.resolve("hr-changes.json")));
  }

  @Test
  void writes_leave_no_temporary_files() throws IOException {
    FileStateStore store = new FileStateStore(dir, "hr-changes");

    for (int i = 0; i < 20; i++) {
      store.put("usn", String.valueOf(i));
    }
    store.remove("usn");

    assertEquals(List.of("hr-changes.json"), fileNames());
  }

  @Test
  void a_corrupt_file_is_an_error_naming_the_file() throws IOException {
    Path file = Files.writeString(dir.resolve("hr-changes.json"), "{\"usn\": \"47");
    FileStateStore store = new FileStateStore(dir, "hr-changes");

    IllegalStateException e = assertThrows(IllegalStateException.class, () -> store.get("usn"));

    assertTrue(e.getMessage().contains("'" + file + "'"), e.getMessage());
    assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
    assertEquals("{\"usn\": \"47", Files.readString(file), "the file is left for the operator");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "[\"usn\"]", "{\"usn\": 4711}", "{\"usn\": null}"})
  void a_file_that_is_not_an_object_of_strings_is_corrupt(String content) throws IOException {
    Files.writeString(dir.resolve("hr-changes.json"), content);
    FileStateStore store = new FileStateStore(dir, "hr-changes");

    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> store.put("usn", "1"));

    assertTrue(e.getMessage().contains("hr-changes.json"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "../etc", "a/b", "a\\b", ".hidden", "with space", "CON", "nul.x"})
  void ids_that_cannot_name_a_file_safely_are_refused(String id) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new FileStateStore(dir, id));

    assertTrue(e.getMessage().contains("'" + id + "'"), e.getMessage());
  }

  @Test
  void concurrent_writers_lose_nothing() throws Exception {
    FileStateStore store = new FileStateStore(dir, "hr-changes");
    int writers = 8;
    CountDownLatch go = new CountDownLatch(1);
    try (ExecutorService pool = Executors.newFixedThreadPool(writers)) {
      List<Future<?>> done = Stream.iterate(0, i -> i + 1).limit(writers)
          .<Future<?>>map(i -> pool.submit(() -> {
            go.await();
            for (int n = 0; n < 10; n++) {
              store.put("writer-" + i, String.valueOf(n));
            }
            return null;
          }))
          .toList();
      go.countDown();
      for (Future<?> f : done) {
        f.get();
      }
    }

    FileStateStore reread = new FileStateStore(dir, "hr-changes");
    for (int i = 0; i < writers; i++) {
      assertEquals(Optional.of("9"), reread.get("writer-" + i));
    }
    assertEquals(List.of("hr-changes.json"), fileNames());
  }

  private List<String> fileNames() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
