package de.ikoe.lotse;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/** The persistence guarantees on the embedded H2 (file mode, as the service runs by default). */
@SpringBootTest
@Import(PersistenceContract.Gateways.class)
@TestPropertySource(properties = {
        "spring.datasource.url=jdbc:h2:file:./target/test-data/h2-persistence-${random.uuid}",
        "lotse.delivery.backoff=50ms"})
class H2PersistenceTests extends PersistenceContract {
}
