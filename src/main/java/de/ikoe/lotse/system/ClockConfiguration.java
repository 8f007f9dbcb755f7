package de.ikoe.lotse.system;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.ZoneId;

/**
 * One clock for the whole service, so that tests can pin "now" (upcoming events, office
 * hours, retention) by replacing this bean.
 */
@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

    /** The centre works in Thuringia; dates shown to people are in this zone. */
    static final ZoneId CENTRE_ZONE = ZoneId.of("Europe/Berlin");

    @Bean
    Clock clock() {
        return Clock.system(CENTRE_ZONE);
    }
}
