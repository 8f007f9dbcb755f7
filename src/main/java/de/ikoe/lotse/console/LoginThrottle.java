package de.ikoe.lotse.console;

import de.ikoe.lotse.system.RateLimit;
import de.ikoe.lotse.system.RateLimits;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Locale;

/**
 * Holds back password guessing without letting anyone lock someone else out. Failed logins are
 * counted in token buckets: per account and client address (5 per 5 minutes: the guesser is held
 * back, the account's owner elsewhere is not), per address over all accounts (20 per 5 minutes,
 * against trying one password on many accounts), and per account over all addresses (100 an
 * hour, ASVS 2.2.1's ceiling, against guessing from many addresses). Unknown usernames count the
 * same as real ones, so the throttle tells nothing about which accounts exist. Buckets live in a
 * bounded {@link de.ikoe.lotse.system.RateLimitStore}.
 */
@Component
class LoginThrottle {

    private final RateLimits limits;
    private final RateLimit accountAndAddress;
    private final RateLimit address;
    private final RateLimit account;

    LoginThrottle(RateLimits limits, ConsoleProperties properties) {
        this.limits = limits;
        ConsoleProperties.Login login = properties.login();
        this.accountAndAddress = new RateLimit("login-account-address", login.perAccountAndAddress(), login.period());
        this.address = new RateLimit("login-address", login.perAddress(), login.period());
        this.account = new RateLimit("login-account", login.perAccount(), login.accountPeriod());
    }

    /** Whether logins of this account from this address are held back now. */
    boolean held(String username, String from) {
        return keys(username, from).stream().anyMatch(k -> limits.exhausted(k.limit(), k.key()));
    }

    /** Counts a failure; true when it used up one of the budgets. */
    boolean failed(String username, String from) {
        boolean exhausted = false;
        for (Key k : keys(username, from)) {
            limits.consume(k.limit(), k.key());
            exhausted |= limits.exhausted(k.limit(), k.key());
        }
        return exhausted;
    }

    private record Key(RateLimit limit, String key) {
    }

    private List<Key> keys(String username, String from) {
        // what was typed, bounded: anyone can type anything into the form
        String name = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        name = name.length() > 100 ? name.substring(0, 100) : name;
        return List.of(new Key(accountAndAddress, name + "|" + from), new Key(address, from), new Key(account, name));
    }
}
