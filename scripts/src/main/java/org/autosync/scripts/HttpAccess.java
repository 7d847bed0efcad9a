package org.autosync.scripts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The {@code http} capability: HTTP requests to URLs under the granted prefixes only. A URL
 * matches a prefix when scheme, host and port are equal and its path is the prefix's path or lies
 * below it (at a {@code /} boundary); user info and encoded dots or slashes are refused. Redirects
 * are followed by hand (at most {@value #MAX_REDIRECTS}), each target checked like the first URL,
 * so a redirect cannot lead out of the grant.
 *
 * <pre>{@code
 * allowUrls: [https://api.example.com/v1/]
 * // allowed: https://api.example.com/v1/users?since=4, https://api.example.com/v1
 * // denied:  https://api.example.com/v10, https://api.example.com:8443/v1/, http://api.example.com/v1/
 * }</pre>
 *
 * <p>Responses are {@code {status, headers, body}} with the body as text, at most {@value
 * #MAX_BODY_BYTES} bytes. Each request's timeout is the smaller of its {@code timeoutMs} (default
 * {@link #DEFAULT_TIMEOUT}) and what is left of the script call's time.
 *
 * <p><b>Threading:</b> thread-safe; one JDK {@link HttpClient}, created on first use.
 */
final class HttpAccess implements AutoCloseable {

  static final int MAX_REDIRECTS = 5;
  static final int MAX_BODY_BYTES = 5 * 1024 * 1024;
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD");

  private final List<URI> prefixes = new ArrayList<>();
  private final ReentrantLock lock = new ReentrantLock();
  private @Nullable HttpClient client; // guarded by lock

  HttpAccess(List<String> allowed) {
    for (String text : allowed) {
      URI uri = parse(text);
      if (uri == null || uri.getHost() == null || uri.getUserInfo() != null
          || !Set.of("http", "https").contains(uri.getScheme().toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException("allowUrls: expected URL prefixes such as"
            + " https://api.example.com/v1/, got '" + text + "'");
      }
      prefixes.add(uri.normalize());
    }
  }

  /** Checks a grant's URL prefixes; the problem's message, or null when they are fine. */
  static @Nullable String check(List<String> allowed) {
    try {
      new HttpAccess(allowed);
      return null;
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  JsonNode request(JsonNode a, CallBudget budget) throws IOException, InterruptedException {
    String method = a.path("method").asText("GET").toUpperCase(Locale.ROOT);
    if (!METHODS.contains(method)) {
      throw new IllegalArgumentException("http: unsupported method '" + method + "'");
    }
    URI uri = allowedUri(a.path("url").asText(""), "");
    Duration cap = a.hasNonNull("timeoutMs")
        ? Duration.ofMillis(Math.max(1, a.get("timeoutMs").asLong())) : DEFAULT_TIMEOUT;
    HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();
    String contentType = a.hasNonNull("contentType") ? a.get("contentType").asText() : null;
    JsonNode b = a.path("body");
    if (!b.isMissingNode() && !b.isNull()) {
      body = HttpRequest.BodyPublishers.ofString(b.isTextual() ? b.textValue() : Json.write(b));
      if (contentType == null) {
        contentType = b.isTextual() ? "text/plain; charset=utf-8" : "application/json";
      }
    }
    for (int hop = 0; ; hop++) {
      HttpRequest.Builder request = HttpRequest.newBuilder(uri)
          .timeout(budget.remaining(cap))
          .method(method, body);
      headers(a.path("headers"), request);
      if (contentType != null) {
        request.setHeader("Content-Type", contentType);
      }
      HttpResponse<InputStream> response =
          client().send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      String location = response.headers().firstValue("location").orElse(null);
      int status = response.statusCode();
      if (status >= 300 && status < 400 && status != 304 && location != null) {
        response.body().close();
        if (hop >= MAX_REDIRECTS) {
          throw new IOException("more than " + MAX_REDIRECTS + " redirects from " + a.path("url"));
        }
        uri = allowedUri(uri.resolve(location).toString(), "a redirect from " + uri + " to ");
        if (status == 303 || ((status == 301 || status == 302) && "POST".equals(method))) {
          method = "GET";
          body = HttpRequest.BodyPublishers.noBody();
          contentType = null;
        }
        continue;
      }
      return answer(response);
    }
  }

  private static void headers(JsonNode headers, HttpRequest.Builder request) {
    for (Iterator<Map.Entry<String, JsonNode>> it = headers.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> h = it.next();
      try {
        request.setHeader(h.getKey(), h.getValue().asText());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("http: header '" + h.getKey() + "' cannot be set: "
            + e.getMessage());
      }
    }
  }

  private static ObjectNode answer(HttpResponse<InputStream> response) throws IOException {
    ObjectNode r = Json.object();
    r.put("status", response.statusCode());
    ObjectNode headers = r.putObject("headers");
    response.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT),
        String.join(", ", v)));
    try (InputStream in = response.body()) {
      byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
      if (bytes.length > MAX_BODY_BYTES) {
        throw new IOException("the response body is larger than " + MAX_BODY_BYTES + " bytes");
      }
      r.put("body", new String(bytes, StandardCharsets.UTF_8));
    }
    return r;
  }

  /** {@code text} as a URI when it lies under a granted prefix; denied otherwise. */
  private URI allowedUri(String text, String what) {
    URI uri = parse(text);
    if (uri == null || uri.getScheme() == null || uri.getHost() == null) {
      throw new IllegalArgumentException("http: expected an absolute http(s) URL, got '" + text
          + "'");
    }
    String raw = uri.getRawPath() == null ? "" : uri.getRawPath().toLowerCase(Locale.ROOT);
    boolean sneaky = uri.getRawUserInfo() != null || raw.contains("%2e") || raw.contains("%2f")
        || raw.contains("%5c") || raw.contains("\\");
    URI normal = uri.normalize();
    if (sneaky || prefixes.stream().noneMatch(p -> under(normal, p))) {
      throw new CapabilityDenied("http: " + what + "'" + text + "' is not under the granted"
          + " URL prefixes " + prefixes);
    }
    return normal;
  }

  private static boolean under(URI uri, URI prefix) {
    if (!uri.getScheme().equalsIgnoreCase(prefix.getScheme())
        || !uri.getHost().equalsIgnoreCase(prefix.getHost())
        || port(uri) != port(prefix)) {
      return false;
    }
    String path = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
    String base = prefix.getPath() == null || prefix.getPath().isEmpty() ? "/" : prefix.getPath();
    if (base.endsWith("/")) {
      return path.startsWith(base) || path.equals(base.substring(0, base.length() - 1));
    }
    return path.equals(base) || path.startsWith(base + "/");
  }

  private static int port(URI uri) {
    if (uri.getPort() >= 0) {
      return uri.getPort();
    }
    return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }

  private static @Nullable URI parse(String text) {
    try {
      return new URI(text.strip());
    } catch (URISyntaxException e) {
      return null;
    }
  }

  private HttpClient client() {
    lock.lock();
    try {
      if (client == null) {
        client = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(DEFAULT_TIMEOUT)
            .build();
      }
      return client;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      if (client != null) {
        client.close();
        client = null;
      }
    } finally {
      lock.unlock();
    }
  }
}
