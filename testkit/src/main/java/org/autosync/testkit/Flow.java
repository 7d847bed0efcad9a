package org.autosync.testkit;

/** Synchronizing staged changes of {@code source} produces pending exports in {@code target}. */
record Flow(String source, String target, String targetPartition) {}
