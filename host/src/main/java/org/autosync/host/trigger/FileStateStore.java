package org.autosync.host.trigger;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import org.autosync.api.trigger.StateStore;
import org.autosync.host.io.AtomicFiles;
import org.jspecify.annotations.Nullable;

/**
 * A trigger's persisted state: one JSON object of strings in {@code <directory>/<triggerId>.json},
 * read on first use and rewritten atomically (temporary file in the same directory, forced to disk,
 * then renamed over the old one) on every change, so a crash leaves the old or the new file, never
 * half of one.
 *
 * <p>A file that is not a JSON object of strings is an error naming the file, not an empty state:
 * silently forgetting a watermark could drop changes.
 *
 * <p><b>Threading:</b> thread-safe; a {@link ReentrantLock} serialises reads and writes. One store
 * per file: two stores on the same file would overwrite each other's changes.
 */
final class FileStateStore implements StateStore {

  private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
  private static final Set<String> WINDOWS_DEVICE_NAMES = Set.of(
      "con", "prn", "aux", "nul",
      "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9",
      "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9");
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path directory;
  private final Path file;
  private final String triggerId;
  private final ReentrantLock lock = new ReentrantLock();
  private @Nullable SortedMap<String, String> values; // guarded by lock; null until loaded

  FileStateStore(Path directory, String triggerId) {
    this.directory = Objects.requireNonNull(directory, "directory");
    this.triggerId = checkTriggerId(triggerId);
    this.file = directory.resolve(triggerId + ".json");
  }

  /**
   * Checks that a trigger id can name a state file on every platform.
   *
   * @return the id
   * @throws IllegalArgumentException saying what is allowed
   */
  static String checkTriggerId(String triggerId) {
    Objects.requireNonNull(triggerId, "triggerId");
    if (!SAFE_ID.matcher(triggerId).matches()) {
      throw new IllegalArgumentException("Trigger id '" + triggerId + "' cannot name its state file;"
          + " use letters, digits, '.', '_' and '-', starting with a letter or digit,"
          + " at most 128 characters");
    }
    String stem = triggerId.split("\\.", 2)[0].toLowerCase(Locale.ROOT);
    if (WINDOWS_DEVICE_NAMES.contains(stem)) {
      throw new IllegalArgumentException("Trigger id '" + triggerId
          + "' cannot name its state file: '" + stem + "' is a reserved device name on Windows");
    }
    return triggerId;
  }

  /** The file this store reads and writes. */
  Path file() {
    return file;
  }

  @Override
  public Optional<String> get(String key) {
    Objects.requireNonNull(key, "key");
    lock.lock();
    try {
      return Optional.ofNullable(loaded().get(key));
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void put(String key, String value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    lock.lock();
    try {
      SortedMap<String, String> current = loaded();
      if (value.equals(current.get(key))) {
        return;
      }
      SortedMap<String, String> next = new TreeMap<>(current);
      next.put(key, value);
      write(next);
      values = next;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void remove(String key) {
    Objects.requireNonNull(key, "key");
    lock.lock();
    try {
      SortedMap<String, String> current = loaded();
      if (!current.containsKey(key)) {
        return;
      }
      SortedMap<String, String> next = new TreeMap<>(current);
      next.remove(key);
      write(next);
      values = next;
    } finally {
      lock.unlock();
    }
  }

  private SortedMap<String, String> loaded() {
    SortedMap<String, String> v = values;
    if (v == null) {
      v = read();
      values = v;
    }
    return v;
  }

  private SortedMap<String, String> read() {
    JsonNode root;
    try {
      root = JSON.readTree(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      return new TreeMap<>();
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw corrupt(e.getOriginalMessage()
          + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read the state of trigger '" + triggerId + "' from '" + file + "': " + e, e);
    }
    if (root == null || !root.isObject()) {
      throw corrupt("expected a JSON object of strings"
          + (root == null || root.isMissingNode() ? ", found an empty file" : ""));
    }
    SortedMap<String, String> result = new TreeMap<>();
    for (Map.Entry<String, JsonNode> field : root.properties()) {
      if (!field.getValue().isTextual()) {
        throw corrupt("the value of '" + field.getKey() + "' is not a string");
      }
      result.put(field.getKey(), field.getValue().textValue());
    }
    return result;
  }

  private void write(SortedMap<String, String> next) {
    try {
      AtomicFiles.write(file, JSON.writeValueAsBytes(next));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot save the state of trigger '" + triggerId + "' to '" + file + "': " + e, e);
    }
  }

  private IllegalStateException corrupt(String why) {
    return new IllegalStateException("The state file of trigger '" + triggerId + "', '" + file
        + "', is corrupt: " + why + ". Fix it, or delete it to start the trigger without state");
  }

  @Override
  public String toString() {
    return "FileStateStore[" + file + "]";
  }
}
