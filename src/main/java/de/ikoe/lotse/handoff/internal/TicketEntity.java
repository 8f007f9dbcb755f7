package de.ikoe.lotse.handoff.internal;

import de.ikoe.lotse.handoff.Intake;
import de.ikoe.lotse.handoff.Ticket;
import de.ikoe.lotse.handoff.TicketStatus;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

@Entity
@Table(name = "ticket")
class TicketEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private long conversationId;
    @Enumerated(EnumType.STRING)
    private TicketStatus status;
    private String channel;
    private String lang;
    private String summary;
    private String intakeOrg;
    private String intakeRegion;
    private String intakeConcern;
    private String claimedBy;
    private Instant claimedAt;
    private Instant closedAt;
    private String closeNote;
    private Instant remindedAt;
    private Instant createdAt;

    protected TicketEntity() {
    }

    TicketEntity(long conversationId, String channel, String lang, String summary, Intake intake, Instant now) {
        this.conversationId = conversationId;
        this.status = TicketStatus.WAITING;
        this.channel = channel;
        this.lang = lang;
        this.summary = summary;
        this.intakeOrg = intake.organisation();
        this.intakeRegion = intake.region();
        this.intakeConcern = intake.concern();
        this.createdAt = now;
    }

    Ticket view() {
        return new Ticket(id, conversationId, status, channel, lang, createdAt, claimedBy, claimedAt, summary,
                new Intake(intakeOrg, intakeRegion, intakeConcern), closedAt, closeNote);
    }

    void close(String note, Instant now) {
        status = TicketStatus.CLOSED;
        closeNote = note;
        closedAt = now;
    }

    void cancel(Instant now) {
        status = TicketStatus.CANCELLED;
        closedAt = now;
    }

    void reminded(Instant now) {
        remindedAt = now;
    }

    /** Keeps the figures (times, status) and drops everything the person said. */
    void erase() {
        summary = "";
        intakeOrg = null;
        intakeRegion = null;
        intakeConcern = null;
        closeNote = null;
    }

    Long id() {
        return id;
    }

    TicketStatus status() {
        return status;
    }
}
