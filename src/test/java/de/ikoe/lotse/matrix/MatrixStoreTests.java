package de.ikoe.lotse.matrix;

import de.ikoe.lotse.support.TestDatabases;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The channel's rows, on the schema the migrations make, in H2 and in PostgreSQL alike. */
class MatrixStoreTests {

    private TestDatabases.Schema schema;

    @AfterEach
    void dropSchema() {
        if (schema != null) {
            schema.close();
        }
    }

    private MatrixStore store(String database) {
        DriverManagerDataSource dataSource;
        if (database.equals("postgresql")) {
            TestDatabases.assumePostgres();
            schema = TestDatabases.freshSchema();
            dataSource = new DriverManagerDataSource(schema.url(), TestDatabases.USER, "");
        } else {
            dataSource = new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        }
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        return new MatrixStore(new JdbcTemplate(dataSource));
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void theCursorIsKeptReplacedAndForgotten(String database) {
        MatrixStore store = store(database);
        assertThat(store.cursor()).isEmpty();
        store.cursor("s1");
        assertThat(store.cursor()).contains("s1");
        store.cursor("s2_" + "x".repeat(490));
        assertThat(store.cursor()).contains("s2_" + "x".repeat(490));
        store.forgetCursor();
        assertThat(store.cursor()).isEmpty();
        store.cursor("s3");
        assertThat(store.cursor()).contains("s3");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void anEventIsHandledTheFirstTimeOnly(String database) {
        MatrixStore store = store(database);
        assertThat(store.firstTime("$a:example.org")).isTrue();
        assertThat(store.firstTime("$a:example.org")).isFalse();
        assertThat(store.firstTime("$b:example.org")).isTrue();
        assertThat(store.firstTime("$a:example.org")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aTicketKeepsTheThreadItWasFirstAnnouncedIn(String database) {
        MatrixStore store = store(database);
        assertThat(store.threadOf(7)).isEmpty();
        store.thread(7, "!room:example.org", "$root:example.org");
        // announced once more (after a crash between posting and keeping it): the homeserver returns the same event
        store.thread(7, "!room:example.org", "$root:example.org");
        store.thread(7, "!room:example.org", "$other:example.org");
        assertThat(store.threadOf(7)).contains("$root:example.org");
        assertThat(store.ticketOfThread("$root:example.org")).contains(7L);
        assertThat(store.ticketOfThread("$other:example.org")).isEmpty();
    }
}
