package de.ikoe.lotse.conversation.internal;

import de.ikoe.lotse.conversation.ConversationState;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.util.List;
import java.util.Optional;

interface Conversations extends JpaRepository<ConversationEntity, Long> {

    @Query("""
            select c from ConversationEntity c
            where c.participantId = :participantId and c.channel = :channel and c.state <> :closed
            order by c.id desc""")
    List<ConversationEntity> open(long participantId, String channel, ConversationState closed);

    List<ConversationEntity> findByParticipantId(long participantId);

    @Query("select c from ConversationEntity c where c.updatedAt < :cutoff")
    List<ConversationEntity> untouchedSince(java.time.Instant cutoff);
}
