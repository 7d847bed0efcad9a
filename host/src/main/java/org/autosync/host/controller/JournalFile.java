package org.autosync.host.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decision journal on disk: every controller event as one JSON line in {@code journal.jsonl},
 * rolled over to {@code journal.1.jsonl}, {@code journal.2.jsonl}, ... when it grows past a size,
 * keeping a bounded number of files. It answers "why did this run?" after a restart.
 *
 * <p>Thread-safe. Subscribe it to {@link ExecutionController#events()}. A write that fails is logged
 * and the journal keeps going; it never stops the controller.
 */
public final class JournalFile implements Consumer<ControllerEvent>, AutoCloseable {

  public static final long DEFAULT_MAX_BYTES = 10L * 1024 * 1024;
  public static final int DEFAULT_KEEP = 5;
  static final String NAME = "journal";

  private static final Logger LOG = LoggerFactory.getLogger(JournalFile.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path directory;
  private final long maxBytes;
  private final int keep;
  private final ReentrantLock lock = new ReentrantLock();
  private @Nullable BufferedWriter writer;
  private long size;
  private boolean closed;

  /** A journal in {@code directory} with {@link #DEFAULT_MAX_BYTES} and {@link #DEFAULT_KEEP}. */
  public JournalFile(Path directory) {
    this(directory, DEFAULT_MAX_BYTES, DEFAULT_KEEP);
  }

  /**
   * @param maxBytes size after which the current file is rolled over
   * @param keep how many rolled-over files to keep besides the current one
   */
  public JournalFile(Path directory, long maxBytes, int keep) {
    if (maxBytes < 1 || keep < 0) {
      throw new IllegalArgumentException("need maxBytes >= 1 and keep >= 0");
    }
    this.directory = directory;
    this.maxBytes = maxBytes;
    this.keep = keep;
  }

  @Override
  public void accept(ControllerEvent e) {
    ObjectNode line = JSON.createObjectNode()
        .put("seq", e.sequence())
        .put("time", e.time().toString())
        .put("type", e.type().name())
        .put("severity", e.severity().name())
        .put("ma", e.ma())
        .put("profile", e.profile())
        .put("runNumber", e.runNumber())
        .put("message", e.message());
    lock.lock();
    try {
      if (closed) {
        return;
      }
      String text = JSON.writeValueAsString(line) + "\n";
      long length = text.getBytes(StandardCharsets.UTF_8).length;
      if (writer != null && size + length > maxBytes) {
        rollOver();
      }
      if (writer == null) {
        open();
      }
      writer.write(text);
      writer.flush();
      size += length;
    } catch (IOException ex) {
      LOG.warn("Cannot write event {} to the journal in '{}': {}", e.sequence(), directory,
          ex.toString());
      closeWriter();
    } finally {
      lock.unlock();
    }
  }

  private void open() throws IOException {
    Files.createDirectories(directory);
    Path file = file(0);
    boolean torn = endsWithoutNewline(file);
    writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    if (torn) {
      writer.write('\n'); // a crash cut the last line short; keep it from swallowing the next
    }
    size = Files.size(file) + (torn ? 1 : 0);
  }

  private static boolean endsWithoutNewline(Path file) throws IOException {
    if (!Files.exists(file) || Files.size(file) == 0) {
      return false;
    }
    try (var channel = java.nio.channels.FileChannel.open(file, StandardOpenOption.READ)) {
      java.nio.ByteBuffer last = java.nio.ByteBuffer.allocate(1);
      channel.read(last, channel.size() - 1);
      return last.get(0) != '\n';
    }
  }

  private void rollOver() throws IOException {
    closeWriter();
    Files.deleteIfExists(file(keep));
    for (int i = keep - 1; i >= 0; i--) {
      if (Files.exists(file(i))) {
        Files.move(file(i), file(i + 1), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
    if (keep == 0) {
      Files.deleteIfExists(file(0));
    }
  }

  private Path file(int index) {
    return fileIn(directory, index);
  }

  private static Path fileIn(Path directory, int index) {
    return directory.resolve(index == 0 ? NAME + ".jsonl" : NAME + "." + index + ".jsonl");
  }

  private void closeWriter() {
    if (writer != null) {
      try {
        writer.close();
      } catch (IOException ignored) {
        // nothing more to lose
      }
      writer = null;
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
      closeWriter();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Reads every event kept in {@code directory}, oldest first. Lines that cannot be read are
   * skipped with a warning (a crash can leave the last line half-written).
   */
  public static List<ControllerEvent> read(Path directory) {
    List<ControllerEvent> events = new ArrayList<>();
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      Path f = fileIn(directory, i);
      if (Files.exists(f)) {
        files.addFirst(f);
      } else if (i > 0) {
        break;
      }
    }
    for (Path f : files) {
      List<String> lines;
      try {
        lines = Files.readAllLines(f, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read journal file '" + f + "'", e);
      }
      for (int n = 0; n < lines.size(); n++) {
        try {
          events.add(parse(JSON.readTree(lines.get(n))));
        } catch (IOException | RuntimeException e) {
          LOG.warn("Skipping unreadable journal line {} of '{}': {}", n + 1, f, e.toString());
        }
      }
    }
    return events;
  }

  private static ControllerEvent parse(JsonNode n) {
    return new ControllerEvent(n.get("seq").asLong(), Instant.parse(n.get("time").asText()),
        ControllerEvent.Type.valueOf(n.get("type").asText()),
        ControllerEvent.Severity.valueOf(n.get("severity").asText()),
        text(n, "ma"), text(n, "profile"),
        n.hasNonNull("runNumber") ? n.get("runNumber").asLong() : null,
        n.get("message").asText());
  }

  private static @Nullable String text(JsonNode n, String field) {
    return n.hasNonNull(field) ? n.get(field).asText() : null;
  }
}
