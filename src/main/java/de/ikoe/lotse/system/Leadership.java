package de.ikoe.lotse.system;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.integration.leader.Context;
import org.springframework.integration.leader.DefaultCandidate;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Whether this instance leads. Instances sharing a database elect one leader through a lock row
 * ({@link LeadershipConfiguration}); the leader runs every {@link SingletonWork} and the scheduled
 * jobs. On H2 there is one instance, and it always wins.
 */
public class Leadership extends DefaultCandidate {

    /** The lock's key: one leader for all singleton work. */
    static final String ROLE = "lotse-leader";

    private static final Logger log = LoggerFactory.getLogger(Leadership.class);

    private final ObjectProvider<SingletonWork> work;
    private final Clock clock;
    private volatile boolean leader;
    private volatile Instant since;

    Leadership(String instanceId, ObjectProvider<SingletonWork> work, Clock clock) {
        super(instanceId, ROLE);
        this.work = work;
        this.clock = clock;
    }

    /** True while this instance holds the leader lock. */
    public boolean isLeader() {
        return leader;
    }

    /** Since when this instance leads; null when it does not. */
    public Instant since() {
        return since;
    }

    @Override
    public void onGranted(Context context) {
        leader = true;
        since = clock.instant();
        List<SingletonWork> all = work.orderedStream().toList();
        log.info("This instance ({}) now leads: it runs {} singleton task(s) and the scheduled jobs", getId(), all.size());
        for (SingletonWork w : all) {
            try {
                w.begin();
            } catch (RuntimeException e) {
                log.error("Starting {} failed", w.getClass().getSimpleName(), e);
            }
        }
    }

    @Override
    public void onRevoked(Context context) {
        if (!leader) {
            return;
        }
        leader = false;
        since = null;
        log.info("This instance ({}) no longer leads", getId());
        for (SingletonWork w : work.orderedStream().toList()) {
            try {
                w.end();
            } catch (RuntimeException e) {
                log.error("Stopping {} failed", w.getClass().getSimpleName(), e);
            }
        }
    }
}
