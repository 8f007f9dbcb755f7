package de.ikoe.lotse.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser without JavaScript, as far as the console needs one: it keeps cookies, follows no
 * redirects (tests look at them), and sends forms with the CSRF token of the page they are on.
 * With {@code forwardedFor} it comes through the trusted proxy as that client address.
 */
public final class ConsoleSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final String base;
    private final String forwardedFor;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient client;

    public ConsoleSession(String base, String forwardedFor) {
        this.base = base;
        this.forwardedFor = forwardedFor;
        this.client = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    public CookieManager cookies() {
        return cookies;
    }

    /** Logs in; returns where the login sent the browser ({@code /console} or {@code /console/login?error}). */
    public String logIn(String username, String password) {
        String page = get("/console/login").body();
        HttpResponse<String> done = post("/console/login", page, Map.of("username", username, "password", password));
        return done.headers().firstValue("Location").orElse("(no redirect: " + done.statusCode() + ")");
    }

    public HttpResponse<String> get(String path) {
        return send(request(path).GET());
    }

    /** Posts a form from {@code page} (whose CSRF token it takes). */
    public HttpResponse<String> post(String path, String page, Map<String, String> fields) {
        Map<String, String> form = new LinkedHashMap<>(fields);
        Matcher csrf = CSRF.matcher(page);
        if (csrf.find()) {
            form.put("_csrf", csrf.group(1));
        }
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        return request;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
