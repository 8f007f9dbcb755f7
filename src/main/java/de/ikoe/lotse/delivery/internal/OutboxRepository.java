package de.ikoe.lotse.delivery.internal;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

import java.time.Instant;
import java.util.List;

interface OutboxRepository extends JpaRepository<OutboxEntry, Long> {

    /**
     * Locks the messages due now, skipping rows another transaction locks and rows claimed by a
     * worker whose lease has not ended. A message waits while an earlier one to the same
     * conversation on the same channel is still pending, so that a person never sees replies out
     * of order (an e-mail copy that waits for its server holds up nothing in the chat). The
     * caller claims what it got and commits at once: the lock lasts only that long.
     */
    @Query(value = """
            select * from outbox o
            where o.status = 'PENDING' and o.next_attempt_at <= :now
              and (o.claimed_until is null or o.claimed_until < :now)
              and not exists (select 1 from outbox p
                              where p.conversation_id = o.conversation_id and p.channel = o.channel
                                and p.status = 'PENDING' and p.id < o.id)
            order by o.id
            limit :limit
            for update skip locked""", nativeQuery = true)
    List<OutboxEntry> lockDue(Instant now, int limit);

    /** Records the parts of a message that went out, and extends the claim, if it is still {@code claim}'s. */
    @Modifying
    @Query("""
            update OutboxEntry e set e.partsSent = :count, e.claimedUntil = :until
            where e.id = :id and e.claimedBy = :claim""")
    int recordParts(long id, String claim, int count, Instant until);

    /** Extends the claim on the rows still pending under it. */
    @Modifying
    @Query("""
            update OutboxEntry e set e.claimedUntil = :until
            where e.claimedBy = :claim and e.status = de.ikoe.lotse.delivery.internal.OutboxEntry.Status.PENDING""")
    int extendClaim(String claim, Instant until);

    /** Gives up the claim on the rows still pending under it: they are due again at once. */
    @Modifying
    @Query("""
            update OutboxEntry e set e.claimedUntil = null, e.claimedBy = null
            where e.claimedBy = :claim and e.status = de.ikoe.lotse.delivery.internal.OutboxEntry.Status.PENDING""")
    int releaseClaim(String claim);

    @Modifying
    @Query("delete from OutboxEntry e where e.conversationId = :conversationId and e.ephemeral = false")
    int deleteByConversationId(long conversationId);

    @Modifying
    @Query("""
            update OutboxEntry e set e.status = de.ikoe.lotse.delivery.internal.OutboxEntry.Status.FAILED,
                   e.lastError = :reason
            where e.conversationId = :conversationId and e.channel = :channel
              and e.status = de.ikoe.lotse.delivery.internal.OutboxEntry.Status.PENDING""")
    int failPending(long conversationId, String channel, String reason);
}
