package de.ikoe.lotse.handoff.internal;

import de.ikoe.lotse.handoff.TicketStatus;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

interface TicketRepository extends JpaRepository<TicketEntity, Long> {

    /** The claim: one conditional update, so that exactly one counsellor wins. */
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("""
            update TicketEntity t set t.status = de.ikoe.lotse.handoff.TicketStatus.CLAIMED,
                   t.claimedBy = :counsellor, t.claimedAt = :now
            where t.id = :id and t.status = de.ikoe.lotse.handoff.TicketStatus.WAITING""")
    int claim(long id, String counsellor, Instant now);

    /** Back to the queue, only from the holder the caller saw: a concurrent close or release wins. */
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("""
            update TicketEntity t set t.status = de.ikoe.lotse.handoff.TicketStatus.WAITING,
                   t.claimedBy = null, t.claimedAt = null
            where t.id = :id and t.status = de.ikoe.lotse.handoff.TicketStatus.CLAIMED and t.claimedBy = :holder""")
    int release(long id, String holder);

    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("""
            update TicketEntity t set t.claimedBy = :counsellor
            where t.id = :id and t.status = de.ikoe.lotse.handoff.TicketStatus.CLAIMED and t.claimedBy = :holder""")
    int reassign(long id, String holder, String counsellor);

    List<TicketEntity> findByStatusOrderByCreatedAtAscIdAsc(TicketStatus status);

    Optional<TicketEntity> findFirstByConversationIdAndStatusIn(long conversationId, Collection<TicketStatus> statuses);

    List<TicketEntity> findByConversationId(long conversationId);

    /** In the order of the queue: {@link #waitingUpTo} counts by id too. */
    List<TicketEntity> findByStatusOrderByIdAsc(TicketStatus status);

    @Query("""
            select count(t) from TicketEntity t
            where t.status = de.ikoe.lotse.handoff.TicketStatus.WAITING and t.id <= :id""")
    int waitingUpTo(long id);

    @Query("""
            select t from TicketEntity t
            where t.status = de.ikoe.lotse.handoff.TicketStatus.WAITING and t.remindedAt is null
              and t.createdAt <= :before order by t.createdAt""")
    List<TicketEntity> overdue(Instant before);
}
