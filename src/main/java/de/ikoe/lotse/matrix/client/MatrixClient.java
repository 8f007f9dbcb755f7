package de.ikoe.lotse.matrix.client;

import org.springframework.http.HttpHeaders;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;
import org.springframework.web.util.DefaultUriBuilderFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Calls a homeserver's Client-Server API through {@link MatrixApi}. Thread-safe; the access token
 * comes from a supplier and goes only into the {@code Authorization} header, never into a URL,
 * an exception or the log.
 */
public class MatrixClient {

    private final MatrixApi api;

    /**
     * @param readTimeout must exceed the longest {@code /sync} timeout used
     */
    public MatrixClient(URI homeserver, JsonMapper json, Supplier<String> token, Duration readTimeout) {
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build());
        factory.setReadTimeout(readTimeout);
        // Values such as a sync token are opaque to us: encoded whole, so that a '+' or '&' in one arrives as sent.
        DefaultUriBuilderFactory uris = new DefaultUriBuilderFactory(homeserver.toString().replaceAll("/$", ""));
        uris.setEncodingMode(DefaultUriBuilderFactory.EncodingMode.VALUES_ONLY);
        // A number or a boolean where the server owes a string (an id, next_batch) is not one.
        JsonMapper strict = json.rebuild().withCoercionConfig(LogicalType.Textual, config -> config
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)).build();
        RestClient rest = RestClient.builder()
                .uriBuilderFactory(uris)
                .requestFactory(factory)
                .configureMessageConverters(converters -> converters
                        .withJsonConverter(new JacksonJsonHttpMessageConverter(strict)))
                .requestInterceptor(bearer(token))
                .defaultStatusHandler(status -> status.isError(), (request, response) -> {
                    throw error(strict, response);
                })
                .build();
        this.api = HttpServiceProxyFactory.builderFor(RestClientAdapter.create(rest)).build()
                .createClient(MatrixApi.class);
    }

    /** The access token on every request but the login, which is how a token is got. */
    private static ClientHttpRequestInterceptor bearer(Supplier<String> token) {
        return (request, body, execution) -> {
            String current = token.get();
            if (!request.getURI().getPath().endsWith("/login") && current != null) {
                request.getHeaders().setBearerAuth(current);
            }
            return execution.execute(request, body);
        };
    }

    /** Logs in with a password on the given device (created when unknown); returns the new access token and the user id. */
    public Login login(String user, String password, String deviceId) {
        MatrixApi.LoginResponse response = call(() -> api.login(new MatrixApi.LoginRequest("m.login.password",
                new MatrixApi.LoginRequest.Identifier("m.id.user", user), password, deviceId, "IKÖ-Lotse")));
        return new Login(response.accessToken(), response.userId());
    }

    /** The result of a login. */
    public record Login(String accessToken, String userId) {

        @Override
        public String toString() {
            return "Login[userId=" + userId + "]";
        }
    }

    /** Who the access token belongs to; fails with M_UNKNOWN_TOKEN when it is not valid. */
    public String whoami() {
        return call(api::whoami).userId();
    }

    public String createFilter(String userId, SyncFilter filter) {
        return call(() -> api.createFilter(userId, filter)).filterId();
    }

    /** One long poll: waits up to {@code timeout} for news after {@code since} (null for a first sync). */
    public SyncResponse sync(String since, String filterId, Duration timeout) {
        SyncResponse sync = call(() -> api.sync(since, filterId, timeout.toMillis()));
        return sync == null ? new SyncResponse(null, null) : sync;
    }

    public void join(String roomId) {
        call(() -> {
            api.join(roomId, Map.of());
            return null;
        });
    }

    /**
     * Sends a room event. The same transaction id again returns the first event's id and sends
     * nothing new, so a resend after a crash cannot show twice.
     */
    public String send(String roomId, String eventType, String txnId, JsonNode content) {
        MatrixApi.EventId sent = call(() -> api.send(roomId, eventType, txnId, content));
        return sent == null ? null : sent.eventId();
    }

    public List<String> joinedMembers(String roomId) {
        MatrixApi.JoinedMembers members = call(() -> api.joinedMembers(roomId));
        return members == null || members.joined() == null ? List.of() : new ArrayList<>(members.joined().keySet());
    }

    /** An answer of the wrong shape counts as the server's error, like one that is no JSON at all. */
    private static <T> T call(Supplier<T> request) {
        try {
            return request.get();
        } catch (RestClientException e) {
            if (e.getCause() instanceof HttpMessageNotReadableException) {
                throw notJson(e.getCause());
            }
            throw e;
        } catch (HttpMessageNotReadableException e) {
            throw notJson(e);
        }
    }

    private static MatrixException notJson(Throwable cause) {
        MatrixException notJson = new MatrixException(200, "M_NOT_JSON", "the homeserver's answer is not the JSON expected",
                null);
        notJson.initCause(cause);
        return notJson;
    }

    private static MatrixException error(JsonMapper json, ClientHttpResponse response) throws IOException {
        int status = response.getStatusCode().value();
        Duration retryAfter = null;
        String header = response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER);
        if (header != null && header.strip().matches("\\d{1,9}")) {
            retryAfter = Duration.ofSeconds(Long.parseLong(header.strip()));
        }
        MatrixApi.ErrorBody body;
        try {
            body = json.readValue(response.getBody(), MatrixApi.ErrorBody.class);
        } catch (JacksonException notTheSpecsError) {
            return new MatrixException(status, "M_NOT_JSON", "the homeserver's error is not the JSON expected", retryAfter);
        }
        if (body == null) {
            return new MatrixException(status, "M_UNKNOWN", "", retryAfter);
        }
        if (body.retryAfterMs() != null && body.retryAfterMs() >= 0) {
            retryAfter = Duration.ofMillis(body.retryAfterMs());
        }
        return new MatrixException(status, body.errcode() == null ? "M_UNKNOWN" : body.errcode(),
                body.error() == null ? "" : body.error(), retryAfter);
    }
}
