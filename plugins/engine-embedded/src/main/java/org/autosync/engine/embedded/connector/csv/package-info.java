/**
 * The {@code csv} connector: one CSV file with a header row as a connected system.
 *
 * <p>Full import reads every row as an entry (the {@code dnColumn} cell is its DN); the engine
 * stages deltas by comparing with its connector space ({@code SNAPSHOT} delta support). Export
 * applies a batch of changes to the rows in memory and replaces the file once, atomically; rows
 * the batch does not touch keep their exact text. See {@link
 * org.autosync.engine.embedded.connector.csv.CsvConnectorFactory} for the options.
 */
@NullMarked
package org.autosync.engine.embedded.connector.csv;

import org.jspecify.annotations.NullMarked;
