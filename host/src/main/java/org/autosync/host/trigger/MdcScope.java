package org.autosync.host.trigger;

import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.slf4j.spi.MDCAdapter;

/**
 * Sets the MDC keys {@value #MA} and {@value #TRIGGER} around a call into trigger code and restores
 * the previous values afterwards.
 */
final class MdcScope implements AutoCloseable {

  static final String MA = "ma";
  static final String TRIGGER = "trigger";

  /**
   * Where the keys go: the binding's MDC, the one {@link MDC} uses. Tests swap in a working adapter
   * because slf4j-simple's MDC ignores everything.
   */
  static volatile MDCAdapter adapter = MDC.getMDCAdapter();

  private final @Nullable String previousMa;
  private final @Nullable String previousTrigger;

  private MdcScope(String ma, String trigger) {
    MDCAdapter mdc = adapter;
    previousMa = mdc.get(MA);
    previousTrigger = mdc.get(TRIGGER);
    mdc.put(MA, ma);
    mdc.put(TRIGGER, trigger);
  }

  static MdcScope open(String ma, String trigger) {
    return new MdcScope(ma, trigger);
  }

  @Override
  public void close() {
    restore(MA, previousMa);
    restore(TRIGGER, previousTrigger);
  }

  private static void restore(String key, @Nullable String value) {
    if (value == null) {
      adapter.remove(key);
    } else {
      adapter.put(key, value);
    }
  }
}
