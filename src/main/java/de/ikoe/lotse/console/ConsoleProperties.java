package de.ikoe.lotse.console;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The console's settings: how many failed logins are allowed before further tries are held back
 * (token buckets that refill evenly over the period, so an account is never locked for good).
 *
 * @param login failed logins allowed per account from one address, per address over all
 *              accounts, and per account over all addresses
 */
@ConfigurationProperties("lotse.console")
record ConsoleProperties(@DefaultValue Login login) {

    record Login(@DefaultValue("5") int perAccountAndAddress,
                 @DefaultValue("20") int perAddress,
                 @DefaultValue("100") int perAccount,
                 @DefaultValue("5m") Duration period,
                 @DefaultValue("1h") Duration accountPeriod) {
    }
}
