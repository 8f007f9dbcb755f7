package de.ikoe.lotse.conversation.internal;

import de.ikoe.lotse.conversation.ConversationState;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.util.List;
import java.util.Optional;

interface Messages extends JpaRepository<MessageEntity, Long> {

    @org.springframework.data.jpa.repository.Modifying
    @Query("delete from MessageEntity m where m.conversationId = :conversationId")
    int deleteByConversationId(long conversationId);

    @Query("select coalesce(max(m.seq), 0) from MessageEntity m where m.conversationId = :conversationId")
    int lastSeq(long conversationId);

    @Query("""
            select m from MessageEntity m where m.conversationId = :conversationId and m.seq > :after
            order by m.seq""")
    List<MessageEntity> after(long conversationId, int after);

    /** The last message the service sent the person: the one whose options a choice answers. */
    @Query("""
            select m from MessageEntity m where m.conversationId = :conversationId and m.author in ('bot', 'system')
            order by m.seq desc limit 1""")
    Optional<MessageEntity> lastMessageToPerson(long conversationId);

    /** The newest message of a conversation, whoever wrote it: only its options can still be chosen. */
    @Query("""
            select m from MessageEntity m where m.conversationId = :conversationId
            order by m.seq desc limit 1""")
    Optional<MessageEntity> newest(long conversationId);

    /** The last answer that rested on sources: what the bot showed, for the case summary. */
    @Query("""
            select m from MessageEntity m where m.conversationId = :conversationId and m.author = 'bot'
              and m.sources is not null
            order by m.seq desc limit 1""")
    Optional<MessageEntity> lastSourcedAnswer(long conversationId);

    @Query("""
            select m from MessageEntity m where m.conversationId = :conversationId and m.author = 'user'
            order by m.seq desc limit 7""")
    List<MessageEntity> lastUserMessages(long conversationId);
}
