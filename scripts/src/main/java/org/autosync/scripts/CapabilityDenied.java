package org.autosync.scripts;

/**
 * A script asked for something its grants do not allow. The script sees it as a {@code
 * PermissionError}; the host logs it at WARN.
 */
final class CapabilityDenied extends RuntimeException {

  private static final long serialVersionUID = 1L;

  CapabilityDenied(String message) {
    super(message, null, false, false);
  }
}
