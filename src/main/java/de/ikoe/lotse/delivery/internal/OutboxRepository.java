package de.ikoe.lotse.delivery.internal;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

import java.time.Instant;
import java.util.List;

interface OutboxRepository extends JpaRepository<OutboxEntry, Long> {

    /**
     * Locks the messages due now, skipping those another instance holds. A message waits while
     * an earlier one to the same conversation is still pending, so that a person never sees
     * replies out of order.
     */
    @Query(value = """
            select * from outbox o
            where o.status = 'PENDING' and o.next_attempt_at <= :now
              and not exists (select 1 from outbox p
                              where p.conversation_id = o.conversation_id and p.status = 'PENDING' and p.id < o.id)
            order by o.id
            limit :limit
            for update skip locked""", nativeQuery = true)
    List<OutboxEntry> lockDue(Instant now, int limit);

    @Modifying
    @Query("delete from OutboxEntry e where e.conversationId = :conversationId and e.ephemeral = false")
    int deleteByConversationId(long conversationId);

    @Modifying
    @Query("""
            update OutboxEntry e set e.status = de.ikoe.lotse.delivery.internal.OutboxEntry.Status.FAILED,
                   e.lastError = :reason
            where e.conversationId = :conversationId
              and e.status = de.ikoe.lotse.delivery.internal.OutboxEntry.Status.PENDING""")
    int failPending(long conversationId, String reason);
}
