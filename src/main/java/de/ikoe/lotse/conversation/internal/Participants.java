package de.ikoe.lotse.conversation.internal;

import de.ikoe.lotse.conversation.ConversationState;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.util.List;
import java.util.Optional;

interface Participants extends JpaRepository<ParticipantEntity, Long> {

    @Query("select p from ParticipantEntity p where p.channel = :channel and p.pseudonym = :pseudonym")
    Optional<ParticipantEntity> find(String channel, String pseudonym);

    @org.springframework.data.jpa.repository.Modifying
    @Query("""
            delete from ParticipantEntity p
            where not exists (select c from ConversationEntity c where c.participantId = p.id)""")
    int deleteWithoutConversations();
}
