package org.autosync.engine.embedded.connector;

import java.nio.file.Path;

/**
 * What the engine gives a connector: the MA it serves, a private working folder, and secret
 * resolution.
 *
 * <p>Thread-safe.
 *
 * @param ma the management agent's name
 * @param workDirectory a folder private to this MA's connector, created by the engine
 * @param secrets resolves references such as {@code ${env:NAME}}; plain text is returned as is
 */
public record ConnectorContext(String ma, Path workDirectory,
    java.util.function.UnaryOperator<String> secrets) {}
