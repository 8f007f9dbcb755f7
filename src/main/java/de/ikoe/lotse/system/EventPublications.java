package de.ikoe.lotse.system;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Hands events whose listener failed (the homeserver was away, say) to the listener again. At
 * start the registry itself resubmits every incomplete publication, those a crash interrupted too
 * ({@code spring.modulith.events.republish-outstanding-events-on-restart}); this job covers the
 * failures while the service runs. Listeners therefore do their work idempotently.
 */
@Component
class EventPublications {

    private final FailedEventPublications failed;
    private final Duration minAge;

    EventPublications(FailedEventPublications failed, @Value("${lotse.events.retry-after:5s}") Duration minAge) {
        this.failed = failed;
        this.minAge = minAge;
    }

    @Scheduled(fixedDelayString = "${lotse.events.retry-every:10s}", initialDelayString = "${lotse.events.retry-every:10s}")
    void resubmitFailed() {
        failed.resubmit(ResubmissionOptions.defaults().withMinAge(minAge));
    }
}
