package de.ikoe.lotse.system;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.ZoneId;

/**
 * One clock for the whole service, so that tests can pin "now" (upcoming events, office
 * hours, retention) by replacing this bean. Its zone is the centre's: whatever has the clock takes
 * the zone from it ({@link Clock#getZone()}); only what has no clock (a cron of a scheduled job,
 * the editors' command-line check) names {@link #CENTRE_ZONE}.
 */
@Configuration(proxyBeanMethods = false)
public class ClockConfiguration {

    /** The centre works in Thuringia; dates shown to people are in this zone. */
    public static final String CENTRE_ZONE = "Europe/Berlin";

    @Bean
    Clock clock() {
        return Clock.system(ZoneId.of(CENTRE_ZONE));
    }
}
