package de.ikoe.lotse.conversation.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What is kept of people, and how long.
 *
 * @param pseudonymKey  the key of the HMAC that pseudonymises channel user ids, from the
 *                      environment; when empty, one is generated once and stored in the database
 * @param retentionDays conversations untouched this long are deleted (the nightly job's time is
 *                      {@code lotse.privacy.retention-cron})
 */
@ConfigurationProperties("lotse.privacy")
record PrivacyProperties(
        @DefaultValue("") String pseudonymKey,
        @DefaultValue("90") int retentionDays) {

    /** The key never reaches a log, also not through this record's text. */
    @Override
    public String toString() {
        return "PrivacyProperties[pseudonymKey=" + (pseudonymKey.isEmpty() ? "generated" : "set")
                + ", retentionDays=" + retentionDays + "]";
    }
}
