package org.autosync.engine.embedded.connector.csv;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import org.autosync.engine.embedded.connector.ConnectorException;
import org.jspecify.annotations.Nullable;

/**
 * The decoded text of a file, with its byte order mark kept apart so that it is written back
 * as it was.
 *
 * @param bom the byte order mark ({@code "\uFEFF"}) or empty
 * @param text the rest of the file
 */
record FileText(String bom, String text) {

  static final String FILE_NOT_FOUND = "no-start-file-not-found";
  static final String ACCESS_DENIED = "no-start-file-access-denied";
  private static final String BOM = "\uFEFF";

  /**
   * Reads and decodes {@code file} strictly (bytes that are not valid in {@code charset} are an
   * error, never replaced, so that an export cannot corrupt what it copies).
   *
   * @return the text, or null when the file does not exist
   */
  static @Nullable FileText read(Path file, Charset charset) throws ConnectorException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException | NotDirectoryException e) {
      return null;
    } catch (AccessDeniedException e) {
      throw new ConnectorException(ACCESS_DENIED,
          "Cannot read '" + file + "': access denied; give the AutoSync service account read"
              + " (and, to export, write) permission on the file and its folder", e);
    } catch (IOException e) {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null && Files.exists(parent) && !Files.isDirectory(parent)) {
        return null; // a file where a folder of the path should be: this file cannot exist
      }
      if (Files.isDirectory(file)) {
        throw new ConnectorException(FILE_NOT_FOUND,
            "Cannot read '" + file + "': it is a folder; option file must name a CSV file", e);
      }
      throw new ConnectorException(ACCESS_DENIED, "Cannot read '" + file + "': " + e, e);
    }
    String text = decode(file, bytes, charset);
    return text.startsWith(BOM)
        ? new FileText(BOM, text.substring(BOM.length()))
        : new FileText("", text);
  }

  /** Reads {@code file}; a missing file is {@code no-start-file-not-found}. */
  static FileText readExisting(Path file, Charset charset) throws ConnectorException {
    FileText text = read(file, charset);
    if (text == null) {
      throw new ConnectorException(FILE_NOT_FOUND, "Cannot read '" + file
          + "': the file does not exist; check option file (relative paths resolve against the"
          + " working directory of the AutoSync process)");
    }
    return text;
  }

  private static String decode(Path file, byte[] bytes, Charset charset)
      throws ConnectorException {
    CharsetDecoder decoder = charset.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out =
        CharBuffer.allocate((int) Math.ceil(bytes.length * (double) decoder.maxCharsPerByte()) + 1);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      throw new ConnectorException(CsvReader.PARSING_ERRORS, "Cannot read '" + file + "': byte "
          + in.position() + " is not valid " + charset.name()
          + " text; set option encoding to the file's character set");
    }
    if (result.isOverflow()) {
      throw new ConnectorException(CsvReader.PARSING_ERRORS,
          "Cannot read '" + file + "': it does not decode as " + charset.name());
    }
    return out.flip().toString();
  }
}
