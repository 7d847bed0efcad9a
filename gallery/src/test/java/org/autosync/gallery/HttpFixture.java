package org.autosync.gallery;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An HTTP server on loopback answering from a table of routes (path to response), recording
 * every request. A response is {@code {"status": 200, "json": {...}}} or {@code {"status": 200,
 * "body": "text", "headers": {...}}}; a path without a route answers 404.
 */
final class HttpFixture implements AutoCloseable {

  /** A request as received: the request line with the query decoded, and its headers. */
  record Request(String line, Map<String, String> headers) {}

  private final HttpServer server;
  private final Map<String, JsonNode> routes = new ConcurrentHashMap<>();
  private final List<Request> requests = new ArrayList<>();

  HttpFixture(JsonNode initialRoutes) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
    setRoutes(initialRoutes);
  }

  /** The base URL, such as {@code http://127.0.0.1:40123}, for {@code ${http}}. */
  String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  void setRoutes(JsonNode table) {
    for (Map.Entry<String, JsonNode> route : table.properties()) {
      if (route.getValue().isNull()) {
        routes.remove(route.getKey());
      } else {
        routes.put(route.getKey(), route.getValue());
      }
    }
  }

  /** The requests since the last call. */
  synchronized List<Request> takeRequests() {
    List<Request> taken = List.copyOf(requests);
    requests.clear();
    return taken;
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String query = exchange.getRequestURI().getRawQuery();
    String line = exchange.getRequestMethod() + " " + path
        + (query == null ? "" : "?" + URLDecoder.decode(query, StandardCharsets.UTF_8));
    Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, String.join(",", v)));
    synchronized (this) {
      requests.add(new Request(line, headers));
    }
    JsonNode response = routes.get(path);
    byte[] body;
    int status;
    if (response == null) {
      status = 404;
      body = ("no route for " + path).getBytes(StandardCharsets.UTF_8);
    } else {
      status = response.path("status").asInt(200);
      if (response.has("json")) {
        body = response.get("json").toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/scim+json");
      } else {
        body = response.path("body").asText("").getBytes(StandardCharsets.UTF_8);
      }
      response.path("headers").properties().forEach(
          h -> exchange.getResponseHeaders().add(h.getKey(), h.getValue().asText()));
    }
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      exchange.getResponseBody().write(body);
    }
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
