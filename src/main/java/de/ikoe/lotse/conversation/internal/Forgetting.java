package de.ikoe.lotse.conversation.internal;

import de.ikoe.lotse.conversation.ConversationState;
import de.ikoe.lotse.conversation.PersonForgotten;
import de.ikoe.lotse.delivery.Outbox;
import de.ikoe.lotse.handoff.HandoffService;
import de.ikoe.lotse.system.AuditLog;
import de.ikoe.lotse.system.ClockConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Deletes what the service keeps about people: everything about one person at their request
 * ({@code /loeschen}), one conversation at a counsellor's, and every conversation untouched for
 * {@code lotse.privacy.retention-days} by a daily job. Tickets keep only their figures; the
 * insights drop what of the conversation they had not yet reduced, and keep only what
 * identifies no one.
 */
@Component
public class Forgetting {

    private final Participants participants;
    private final Conversations conversations;
    private final Messages messages;
    private final Outbox outbox;
    private final HandoffService handoff;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final AuditLog audit;
    private final Duration retention;

    Forgetting(Participants participants, Conversations conversations, Messages messages, Outbox outbox,
               HandoffService handoff, ApplicationEventPublisher events, Clock clock, AuditLog audit,
               PrivacyProperties privacy) {
        this.participants = participants;
        this.conversations = conversations;
        this.messages = messages;
        this.outbox = outbox;
        this.handoff = handoff;
        this.events = events;
        this.clock = clock;
        this.audit = audit;
        this.retention = Duration.ofDays(privacy.retentionDays());
    }

    /** Deletes a person with all their conversations; the audit log notes it, naming no one. */
    @Transactional
    public void person(long participantId) {
        List<ConversationEntity> theirs = conversations.findByParticipantId(participantId);
        theirs.forEach(this::conversation);
        participants.deleteById(participantId);
        audit.record("person.deleted", AuditLog.ANONYMOUS, theirs.isEmpty() ? AuditLog.ANONYMOUS
                : theirs.get(0).channel(), Map.of("conversations", theirs.size()));
    }

    /** Deletes one conversation (a counsellor's decision); the person stays known to the channel. */
    @Transactional
    public void conversation(long conversationId) {
        conversations.findById(conversationId).ifPresent(this::conversation);
    }

    private void conversation(ConversationEntity conversation) {
        handoff.erase(conversation.id());
        outbox.purge(conversation.id());
        messages.deleteByConversationId(conversation.id());
        conversations.delete(conversation);
        events.publishEvent(new PersonForgotten(conversation.channel(), conversation.address(), conversation.id()));
    }

    /** Deletes conversations no one has touched within the retention time, and people left without any. */
    @Scheduled(cron = "${lotse.privacy.retention-cron:0 30 3 * * *}", zone = ClockConfiguration.CENTRE_ZONE)
    @Transactional
    public int purgeExpired() {
        Instant cutoff = clock.instant().minus(retention);
        List<ConversationEntity> expired = conversations.untouchedSince(cutoff).stream()
                .filter(c -> c.state() != ConversationState.WAITING && c.state() != ConversationState.WITH_COUNSELLOR)
                .toList();
        expired.forEach(this::conversation);
        participants.deleteWithoutConversations();
        if (!expired.isEmpty()) {
            audit.record("retention.deleted", AuditLog.ANONYMOUS, "scheduler", Map.of("conversations", expired.size()));
        }
        return expired.size();
    }
}
