package de.ikoe.lotse.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import java.time.Instant;
import java.time.ZoneId;

/** The service's clock in tests that share {@link SharedApplicationTest}'s context: set by each test. */
@TestConfiguration(proxyBeanMethods = false)
public class TestClock {

    /** Wednesday 2 December 2026, 10:00 in Erfurt: the office is open. */
    public static final Instant OFFICE_TIME = Instant.parse("2026-12-02T09:00:00Z");
    /** The same Wednesday, 19:00 in Erfurt: the office is closed until Thursday, 9:00. */
    public static final Instant AFTER_HOURS = Instant.parse("2026-12-02T18:00:00Z");

    @Bean
    @Primary
    MutableClock testClock() {
        return new MutableClock(OFFICE_TIME, ZoneId.of("Europe/Berlin"));
    }
}
