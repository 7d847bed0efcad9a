package org.autosync.scripts;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;

/**
 * What a script prints ({@code console.log}, {@code print}), line by line into a logger: standard
 * output at INFO, standard error at WARN. A line longer than {@value #MAX_LINE} bytes is cut.
 * Thread-safe.
 */
final class LogStream extends OutputStream {

  static final int MAX_LINE = 8192;

  private final Logger log;
  private final boolean error;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();

  LogStream(Logger log, boolean error) {
    this.log = log;
    this.error = error;
  }

  @Override
  public synchronized void write(int b) {
    if (b == '\n') {
      flushLine();
    } else if (line.size() < MAX_LINE) {
      line.write(b);
    }
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) {
    for (int i = off; i < off + len; i++) {
      write(b[i]);
    }
  }

  @Override
  public synchronized void flush() {
    if (line.size() > 0) {
      flushLine();
    }
  }

  private void flushLine() {
    String text = line.toString(StandardCharsets.UTF_8).stripTrailing();
    line.reset();
    if (error) {
      log.warn("{}", text);
    } else {
      log.info("{}", text);
    }
  }
}
