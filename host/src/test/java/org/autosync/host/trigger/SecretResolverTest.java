package org.autosync.host.trigger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretResolverTest {

  @TempDir Path dir;

  private final SecretResolver secrets =
      new SecretResolver(Map.of("LDAP_PASSWORD", "pa55 word", "EMPTY", "")::get);

  @Test
  void env_references_resolve_to_the_variable() {
    assertEquals("pa55 word", secrets.resolve("${env:LDAP_PASSWORD}"));
    assertEquals("", secrets.resolve("${env:EMPTY}"), "a variable set to nothing is set");
  }

  @Test
  void file_references_resolve_to_the_content_without_one_trailing_newline() throws Exception {
    Path file = Files.writeString(dir.resolve("ldap"), "pa55 word\n");
    Path twoNewlines = Files.writeString(dir.resolve("two"), "pa55\n\n");
    Path windows = Files.writeString(dir.resolve("windows"), "pa55\r\n");

    assertEquals("pa55 word", secrets.resolve("${file:" + file + "}"));
    assertEquals("pa55\n", secrets.resolve("${file:" + twoNewlines + "}"));
    assertEquals("pa55", secrets.resolve("${file:" + windows + "}"));
  }

  @Test
  void other_text_is_returned_as_it_is() {
    assertEquals("hunter2", secrets.resolve("hunter2"));
    assertEquals("", secrets.resolve(""));
    assertEquals("pre${env:LDAP_PASSWORD}", secrets.resolve("pre${env:LDAP_PASSWORD}"));
    assertEquals("${not a reference}", secrets.resolve("${not a reference}"));
  }

  @Test
  void a_missing_environment_variable_is_named() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> secrets.resolve("${env:NOPE}"));

    assertEquals("Cannot resolve secret reference '${env:NOPE}':"
        + " environment variable 'NOPE' is not set", e.getMessage());
  }

  @Test
  void a_missing_file_is_named_with_the_cause() {
    Path missing = dir.resolve("missing");

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> secrets.resolve("${file:" + missing + "}"));

    assertEquals("Cannot resolve secret reference '${file:" + missing + "}': cannot read file '"
        + missing + "': NoSuchFileException", e.getMessage());
  }

  @Test
  void an_unknown_scheme_is_refused_rather_than_used_as_a_literal() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> secrets.resolve("${ENV:LDAP_PASSWORD}"));

    assertTrue(e.getMessage().contains("unknown scheme 'ENV'"), e.getMessage());
  }

  @Test
  void error_messages_never_contain_the_secret() throws Exception {
    // Not valid UTF-8: decoding fails after reading the secret-looking bytes.
    byte[] content = "topsecret-value\n".getBytes(StandardCharsets.US_ASCII);
    byte[] broken = new byte[content.length + 1];
    System.arraycopy(content, 0, broken, 0, content.length);
    broken[content.length] = (byte) 0xC3;
    Path file = Files.write(dir.resolve("broken"), broken);

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> secrets.resolve("${file:" + file + "}"));

    assertFalse(e.getMessage().contains("topsecret"), e.getMessage());
    assertTrue(e.getMessage().contains("MalformedInputException"), e.getMessage());
    assertFalse(String.valueOf(e.getCause()).contains("topsecret"));
  }

  @Test
  void references_are_recognised() {
    assertTrue(SecretResolver.isReference("${env:X}"));
    assertTrue(SecretResolver.isReference("${file:/run/secrets/x}"));
    assertFalse(SecretResolver.isReference("hunter2"));
  }
}
