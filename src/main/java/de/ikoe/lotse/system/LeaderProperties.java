package de.ikoe.lotse.system;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The leader election among instances sharing a database.
 *
 * @param ttl       how long the leader's row holds without renewal: after a SIGKILL, the time
 *                  before another instance may take over
 * @param heartbeat how often the leader renews its row
 * @param retry     how often an instance that does not lead tries to
 */
@ConfigurationProperties("lotse.leader")
record LeaderProperties(
        @DefaultValue("10s") Duration ttl,
        @DefaultValue("2s") Duration heartbeat,
        @DefaultValue("500ms") Duration retry) {
}
