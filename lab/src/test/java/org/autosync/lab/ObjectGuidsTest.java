package org.autosync.lab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ObjectGuidsTest {

  @Test
  void guid_bytes_follow_the_windows_layout() {
    UUID guid = UUID.fromString("01234567-89ab-cdef-0123-456789abcdef");

    byte[] bytes = ObjectGuids.toBytes(guid);

    assertArrayEquals(HexFormat.of().parseHex("67452301ab89efcd0123456789abcdef"), bytes);
    assertEquals(guid, ObjectGuids.fromBytes(bytes));
  }
}
