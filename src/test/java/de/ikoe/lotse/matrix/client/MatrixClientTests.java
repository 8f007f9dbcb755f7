package de.ikoe.lotse.matrix.client;

import de.ikoe.lotse.matrix.FakeHomeserver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The typed client against the fake homeserver: what it sends, and what it makes of the answers. */
class MatrixClientTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final FakeHomeserver matrix = new FakeHomeserver("lotse", "bot-password").start();

    @AfterEach
    void stop() {
        matrix.close();
    }

    private MatrixClient client(String token) {
        return new MatrixClient(URI.create(matrix.url()), JSON, () -> token, Duration.ofSeconds(10));
    }

    @Test
    void theAccessTokenIsAcceptedAndAWrongOneIsNamedByItsErrorCodeOnly() {
        assertThat(client(matrix.issueToken()).whoami()).isEqualTo("@lotse:example.org");
        assertThatThrownBy(() -> client("secret-that-is-wrong").whoami())
                .isInstanceOfSatisfying(MatrixException.class, e -> assertThat(e.unknownToken()).isTrue())
                .hasMessageNotContaining("secret-that-is-wrong");
    }

    @Test
    void aLoginNeedsNoTokenAndItsResultDoesNotShowTheNewOne() {
        MatrixClient.Login login = client(null).login("lotse", "bot-password", "IKOE_LOTSE");
        assertThat(login.userId()).isEqualTo("@lotse:example.org");
        assertThat(client(login.accessToken()).whoami()).isEqualTo("@lotse:example.org");
        assertThat(login.toString()).doesNotContain(login.accessToken());
    }

    @Test
    void aRateLimitSaysHowLongToWaitInTheBodyOrTheHeader() {
        MatrixClient client = client(matrix.issueToken());
        matrix.failNext("/sync", 429, "M_LIMIT_EXCEEDED", "Too many requests", 1500, null);
        matrix.failNext("/sync", 429, "M_LIMIT_EXCEEDED", "Too many requests", null, 3);
        assertThatThrownBy(() -> client.sync(null, null, Duration.ZERO)).isInstanceOfSatisfying(MatrixException.class,
                e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofMillis(1500)));
        assertThatThrownBy(() -> client.sync(null, null, Duration.ZERO)).isInstanceOfSatisfying(MatrixException.class,
                e -> assertThat(e.rateLimited()).isTrue())
                .satisfies(e -> assertThat(((MatrixException) e).retryAfter()).isEqualTo(Duration.ofSeconds(3)));
    }

    /** A sync token is opaque: whatever characters it holds, the server gets it back as it gave it. */
    @Test
    void aSyncTokenArrivesAsTheServerGaveIt() {
        MatrixClient client = client(matrix.issueToken());
        String token = "s1+2&since=s0/ %?#ä";
        matrix.serveRawSync(JSON.writeValueAsBytes(Map.of("next_batch", token)));
        assertThat(client.sync("s0", null, Duration.ZERO).nextBatch()).isEqualTo(token);
        assertThat(client.sync(token, null, Duration.ZERO).nextBatch()).startsWith("s");
    }

    @Test
    void anAnswerOfTheWrongShapeIsTheServersErrorAndWhatIsMissingIsEmpty() {
        MatrixClient client = client(matrix.issueToken());
        matrix.serveRawSync("{\"next_batch\":false}".getBytes());
        assertThatThrownBy(() -> client.sync("s0", null, Duration.ZERO)).isInstanceOfSatisfying(MatrixException.class,
                e -> assertThat(e.errcode()).isEqualTo("M_NOT_JSON"));
        matrix.serveRawSync("{\"rooms\":{\"join\":{\"!a:example.org\":{\"timeline\":{\"events\":[null,{\"content\":7}]}}}}}"
                .getBytes());
        SyncResponse sync = client.sync("s0", null, Duration.ZERO);
        assertThat(sync.nextBatch()).isNull();
        assertThat(sync.invites()).isEmpty();
        SyncResponse.Event event = sync.joined().get("!a:example.org").events().get(0);
        assertThat(event.eventId()).isEmpty();
        assertThat(event.body()).isNull();
    }

    @Test
    void theFilterIsSentInTheShapeOfTheSpecification() {
        MatrixClient client = client(matrix.issueToken());
        SyncFilter.EventFilter none = SyncFilter.EventFilter.none();
        String id = client.createFilter("@lotse:example.org", new SyncFilter(none, none, new SyncFilter.RoomFilter(
                new SyncFilter.EventFilter(List.of("m.room.message"), 50, null),
                new SyncFilter.EventFilter(List.of("m.room.member"), null, true), none, none)));
        assertThat(id).isNotBlank();
        JsonNode sent = matrix.filters().get(0);
        assertThat(JSON.writeValueAsString(sent)).isEqualTo("{\"presence\":{\"types\":[]},\"account_data\":{\"types\":[]},"
                + "\"room\":{\"timeline\":{\"types\":[\"m.room.message\"],\"limit\":50},"
                + "\"state\":{\"types\":[\"m.room.member\"],\"lazy_load_members\":true},"
                + "\"ephemeral\":{\"types\":[]},\"account_data\":{\"types\":[]}}}");
    }
}
