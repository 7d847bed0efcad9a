package org.autosync.testkit;

/** How much the fake engine tells about an MA's pending work, to imitate different engines. */
enum PendingWorkMode {
  /** Exact counts per partition, like the embedded engine. */
  PER_PARTITION,
  /** One entry with a null partition summing every partition, like MIM's WMI counts. */
  MA_WIDE,
  /** Nothing at all. */
  UNKNOWN
}
