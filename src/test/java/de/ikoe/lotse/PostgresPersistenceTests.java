package de.ikoe.lotse;

import de.ikoe.lotse.support.TestDatabases;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/** The persistence guarantees on the real PostgreSQL, in a schema of its own that is dropped with the context. */
@SpringBootTest
@ActiveProfiles("postgres")
@Import({PersistenceContract.Gateways.class, PostgresPersistenceTests.DropTheSchema.class})
@TestPropertySource(properties = "lotse.delivery.backoff=50ms")
class PostgresPersistenceTests extends PersistenceContract {

    private static TestDatabases.Schema schema;

    private static synchronized TestDatabases.Schema schema() {
        if (schema == null) {
            schema = TestDatabases.freshSchema();
        }
        return schema;
    }

    @BeforeAll
    static void requirePostgres() {
        TestDatabases.assumePostgres();
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> schema().url());
        registry.add("spring.datasource.username", () -> TestDatabases.USER);
        registry.add("spring.datasource.password", () -> "");
    }

    /** Closing the context (at the latest when the test JVM ends) drops the schema. */
    @TestConfiguration(proxyBeanMethods = false)
    static class DropTheSchema {
        @Bean(destroyMethod = "close")
        TestDatabases.Schema testSchema() {
            return schema();
        }
    }
}
