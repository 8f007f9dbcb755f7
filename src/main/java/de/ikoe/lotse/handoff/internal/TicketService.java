package de.ikoe.lotse.handoff.internal;

import de.ikoe.lotse.handoff.HandoffClaimed;
import de.ikoe.lotse.handoff.HandoffClosed;
import de.ikoe.lotse.handoff.HandoffOverdue;
import de.ikoe.lotse.handoff.HandoffReleased;
import de.ikoe.lotse.handoff.HandoffRequested;
import de.ikoe.lotse.handoff.HandoffService;
import de.ikoe.lotse.handoff.Intake;
import de.ikoe.lotse.handoff.Ticket;
import de.ikoe.lotse.handoff.TicketStatus;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

@Service
@Transactional
class TicketService implements HandoffService {

    private static final EnumSet<TicketStatus> ACTIVE = EnumSet.of(TicketStatus.WAITING, TicketStatus.CLAIMED);

    private final TicketRepository tickets;
    private final ApplicationEventPublisher events;
    private final HandoffProperties properties;
    private final Clock clock;

    TicketService(TicketRepository tickets, ApplicationEventPublisher events, HandoffProperties properties, Clock clock) {
        this.tickets = tickets;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public Ticket open(long conversationId, String channel, String lang, String summary, Intake intake) {
        TicketEntity ticket = tickets.save(new TicketEntity(conversationId, channel, lang, summary, intake,
                clock.instant()));
        events.publishEvent(new HandoffRequested(ticket.id(), conversationId, channel, lang));
        return ticket.view();
    }

    @Override
    @Transactional(readOnly = true)
    public int queuePosition(long ticketId) {
        return tickets.findById(ticketId).filter(t -> t.status() == TicketStatus.WAITING)
                .map(t -> tickets.waitingUpTo(ticketId)).orElse(0);
    }

    @Override
    @Transactional(readOnly = true)
    public List<Ticket> queue() {
        return tickets.findByStatusOrderByIdAsc(TicketStatus.WAITING).stream().map(TicketEntity::view).toList();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Ticket> activeTicketOf(long conversationId) {
        return tickets.findFirstByConversationIdAndStatusIn(conversationId, ACTIVE).map(TicketEntity::view);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Ticket> get(long ticketId) {
        return tickets.findById(ticketId).map(TicketEntity::view);
    }

    @Override
    @Transactional(readOnly = true)
    public List<Ticket> list(TicketStatus status) {
        return tickets.findByStatusOrderByCreatedAtAscIdAsc(status).stream().map(TicketEntity::view).toList();
    }

    @Override
    public boolean claim(long ticketId, String counsellor) {
        boolean won = tickets.claim(ticketId, counsellor, clock.instant()) == 1;
        if (won) {
            tickets.findById(ticketId).ifPresent(t ->
                    events.publishEvent(new HandoffClaimed(ticketId, t.view().conversationId(), counsellor, clock.instant())));
        }
        return won;
    }

    @Override
    public boolean release(long ticketId, String holder) {
        boolean released = tickets.release(ticketId, holder) == 1;
        if (released) {
            tickets.findById(ticketId).ifPresent(t ->
                    events.publishEvent(new HandoffReleased(ticketId, t.view().conversationId(), holder, clock.instant())));
        }
        return released;
    }

    @Override
    public boolean reassign(long ticketId, String holder, String counsellor) {
        boolean reassigned = tickets.reassign(ticketId, holder, counsellor) == 1;
        if (reassigned) {
            tickets.findById(ticketId).ifPresent(t ->
                    events.publishEvent(new HandoffClaimed(ticketId, t.view().conversationId(), counsellor, clock.instant())));
        }
        return reassigned;
    }

    @Override
    public void close(long ticketId, String note) {
        tickets.findById(ticketId).filter(t -> t.status() == TicketStatus.CLAIMED).ifPresent(t -> {
            t.close(note, clock.instant());
            events.publishEvent(new HandoffClosed(ticketId, t.view().conversationId(), TicketStatus.CLOSED));
        });
    }

    @Override
    public boolean cancel(long conversationId) {
        Optional<TicketEntity> waiting = tickets.findFirstByConversationIdAndStatusIn(conversationId,
                EnumSet.of(TicketStatus.WAITING));
        waiting.ifPresent(t -> {
            t.cancel(clock.instant());
            events.publishEvent(new HandoffClosed(t.id(), conversationId, TicketStatus.CANCELLED));
        });
        return waiting.isPresent();
    }

    @Override
    public List<Ticket> takeOverdue() {
        List<TicketEntity> overdue = tickets.overdue(clock.instant().minus(properties.reminderAfter()));
        overdue.forEach(t -> {
            t.reminded(clock.instant());
            events.publishEvent(new HandoffOverdue(t.id(), t.view().conversationId()));
        });
        return overdue.stream().map(TicketEntity::view).toList();
    }

    @Override
    @Transactional(readOnly = true)
    public Figures figures() {
        List<Ticket> all = tickets.findAll().stream().map(TicketEntity::view).toList();
        List<Double> waits = all.stream().filter(t -> t.claimedAt() != null)
                .map(t -> java.time.Duration.between(t.waitingSince(), t.claimedAt()).toSeconds() / 60.0)
                .sorted().toList();
        long ended = all.stream().filter(t -> t.status() == TicketStatus.CLOSED || t.status() == TicketStatus.CANCELLED).count();
        long closed = all.stream().filter(t -> t.status() == TicketStatus.CLOSED).count();
        return new Figures(all.size(), all.stream().filter(t -> t.status() == TicketStatus.WAITING).count(),
                percentile(waits, 0.5), percentile(waits, 0.9), ended == 0 ? 0 : (double) closed / ended);
    }

    /** Nearest-rank percentile; 0 without data. */
    static double percentile(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int rank = (int) Math.ceil(p * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    @Override
    public OfficeHours officeHours() {
        return new OfficeHours(properties.officeDays(), properties.officeOpens(), properties.officeCloses());
    }

    @Override
    public java.time.Duration reminderAfter() {
        return properties.reminderAfter();
    }

    @Override
    @Transactional(readOnly = true)
    public ZonedDateTime nextOpening() {
        ZonedDateTime now = ZonedDateTime.now(clock);
        if (isOpen(now)) {
            return null;
        }
        ZonedDateTime candidate = now.toLocalTime().isBefore(properties.officeOpens())
                ? now.with(properties.officeOpens()) : now.plusDays(1).with(properties.officeOpens());
        for (int i = 0; i < 8 && !properties.officeDays().contains(candidate.getDayOfWeek()); i++) {
            candidate = candidate.plusDays(1);
        }
        return candidate;
    }

    private boolean isOpen(ZonedDateTime now) {
        return properties.officeDays().contains(now.getDayOfWeek())
                && !now.toLocalTime().isBefore(properties.officeOpens())
                && now.toLocalTime().isBefore(properties.officeCloses());
    }

    @Override
    public void erase(long conversationId) {
        for (TicketEntity ticket : tickets.findByConversationId(conversationId)) {
            if (ticket.status() == TicketStatus.WAITING) {
                ticket.cancel(clock.instant());
                events.publishEvent(new HandoffClosed(ticket.id(), conversationId, TicketStatus.CANCELLED));
            } else if (ticket.status() == TicketStatus.CLAIMED) {
                ticket.close(null, clock.instant());
                events.publishEvent(new HandoffClosed(ticket.id(), conversationId, TicketStatus.CLOSED));
            }
            ticket.erase();
        }
    }
}
