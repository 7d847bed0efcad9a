package org.autosync.host.controller;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import org.autosync.host.io.AtomicFiles;
import org.jspecify.annotations.Nullable;

/**
 * Where the controller keeps what must survive a restart (DESIGN §3.7): which MAs are halted and
 * why, which are paused, and whether a controller script halted the whole service. Queues are not
 * kept; they are rebuilt from the engine's pending work.
 *
 * <p><b>Threading:</b> implementations are thread-safe; the controller calls them from its own
 * thread when an operator or a safety rule changes an MA's state, and once at start.
 */
public interface ControllerStateStore {

  /**
   * The persisted state.
   *
   * @param halted halt reason by MA name
   * @param paused MAs paused by an operator
   * @param allPaused whether every MA is paused
   * @param serviceHalted why the whole service is halted; null when it is not (files written
   *     before this field existed read as null)
   */
  record Saved(Map<String, String> halted, Set<String> paused, boolean allPaused,
      @Nullable String serviceHalted) {
    public static final Saved EMPTY = new Saved(Map.of(), Set.of(), false, null);

    public Saved {
      halted = java.util.Collections.unmodifiableMap(new TreeMap<>(halted));
      paused = java.util.Collections.unmodifiableSet(new TreeSet<>(paused));
    }

    /** A state without a service halt. */
    public Saved(Map<String, String> halted, Set<String> paused, boolean allPaused) {
      this(halted, paused, allPaused, null);
    }
  }

  /**
   * The saved state; {@link Saved#EMPTY} when nothing was saved yet.
   *
   * @throws IllegalStateException naming the file and the problem when it cannot be read
   */
  Saved load();

  /** Saves the state durably before returning. */
  void save(Saved state);

  /** A store that forgets everything at exit: for tests and embedded use. */
  static ControllerStateStore inMemory() {
    AtomicReference<Saved> saved = new AtomicReference<>(Saved.EMPTY);
    return new ControllerStateStore() {
      @Override
      public Saved load() {
        return saved.get();
      }

      @Override
      public void save(Saved state) {
        saved.set(Objects.requireNonNull(state));
      }
    };
  }

  /** A JSON file, replaced atomically on every save. */
  static ControllerStateStore jsonFile(Path file) {
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    return new ControllerStateStore() {
      @Override
      public Saved load() {
        try {
          Saved saved = json.readValue(Files.readAllBytes(file), Saved.class);
          return saved == null ? Saved.EMPTY : saved;
        } catch (NoSuchFileException e) {
          return Saved.EMPTY;
        } catch (JsonProcessingException e) {
          throw new IllegalStateException("The controller state file '" + file
              + "' is corrupt at line " + e.getLocation().getLineNr() + ", column "
              + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage()
              + ". Fix it, or delete it to forget halted and paused MAs", e);
        } catch (IOException e) {
          throw new UncheckedIOException("Cannot read the controller state file '" + file + "'",
              e);
        }
      }

      @Override
      public void save(Saved state) {
        try {
          AtomicFiles.write(file, json.writeValueAsBytes(state));
        } catch (IOException e) {
          throw new UncheckedIOException(
              "Cannot save the controller state to '" + file + "': " + e.getMessage(), e);
        }
      }

      @Override
      public String toString() {
        return "ControllerStateStore[" + file + "]";
      }
    };
  }
}
