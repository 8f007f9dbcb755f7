package de.ikoe.lotse.system;

import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Hands events whose listener failed (the homeserver was away, say) to the listener again. At
 * start the registry itself resubmits every incomplete publication, those a crash interrupted too
 * ({@code spring.modulith.events.republish-outstanding-events-on-restart}); this job covers the
 * failures while the service runs. Listeners therefore do their work idempotently.
 */
@Component
class EventPublications implements SchedulingConfigurer {

    private final FailedEventPublications failed;
    private final EventsProperties properties;

    EventPublications(FailedEventPublications failed, EventsProperties properties) {
        this.failed = failed;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(this::resubmitFailed, properties.retryEvery(),
                properties.retryEvery()));
    }

    void resubmitFailed() {
        failed.resubmit(ResubmissionOptions.defaults().withMinAge(properties.retryAfter()));
    }
}
