package de.ikoe.lotse;

import de.ikoe.lotse.support.TestDatabases;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/** The persistence guarantees on the real PostgreSQL, in a schema of its own. */
@SpringBootTest
@ActiveProfiles("postgres")
@Import(PersistenceContract.Gateways.class)
@TestPropertySource(properties = "lotse.delivery.backoff=50ms")
class PostgresPersistenceTests extends PersistenceContract {

    @BeforeAll
    static void requirePostgres() {
        TestDatabases.assumePostgres();
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        String[] url = new String[1];
        registry.add("spring.datasource.url", () -> url[0] != null ? url[0] : (url[0] = TestDatabases.freshSchemaUrl()));
        registry.add("spring.datasource.username", () -> TestDatabases.USER);
        registry.add("spring.datasource.password", () -> "");
    }
}
