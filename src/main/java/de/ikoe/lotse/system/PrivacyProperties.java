package de.ikoe.lotse.system;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long the service keeps what could name a person.
 *
 * @param retentionDays days after which transcripts, and words of questions still linked to a
 *                      conversation, are deleted
 * @param retentionCron when the deletion runs (a cron expression in the centre's time zone)
 */
@ConfigurationProperties("lotse.privacy")
public record PrivacyProperties(@DefaultValue("90") int retentionDays,
                                @DefaultValue("0 30 3 * * *") String retentionCron) {

    public PrivacyProperties {
        if (retentionDays < 1) {
            throw new IllegalArgumentException("lotse.privacy.retention-days must be at least 1, not " + retentionDays);
        }
    }
}
