package de.ikoe.lotse.delivery.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * One message waiting to be sent, or sent. While a worker sends it, it is claimed until a lease
 * ends; {@code partsSent} counts the parts of a split message that went out. {@code text} is the
 * message as plain text, {@code reply} its structure as JSON (null when it is one text).
 */
@Entity
@Table(name = "outbox")
class OutboxEntry {

    enum Status { PENDING, SENT, FAILED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private long conversationId;
    private long messageId;
    private String channel;
    private String address;
    private String text;
    private String reply;
    private String options;
    private String idempotencyKey;
    @Column(length = 20)
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    private Status status;
    private int attempts;
    private Instant nextAttemptAt;
    private String lastError;
    private Instant createdAt;
    private Instant sentAt;
    private boolean ephemeral;
    private String claimedBy;
    private Instant claimedUntil;
    private int partsSent;
    @Column(name = "is_copy")
    private boolean copy;

    protected OutboxEntry() {
    }

    OutboxEntry(long conversationId, long messageId, String channel, String address, String text, String reply,
                String options, Instant now) {
        this.conversationId = conversationId;
        this.messageId = messageId;
        this.channel = channel;
        this.address = address;
        this.text = text;
        this.reply = reply;
        this.options = options;
        this.idempotencyKey = "lotse-" + conversationId + "-" + messageId;
        this.status = Status.PENDING;
        this.nextAttemptAt = now;
        this.createdAt = now;
    }

    static OutboxEntry ephemeral(long conversationId, String channel, String address, String text, Instant now) {
        OutboxEntry entry = new OutboxEntry(conversationId, 0, channel, address, text, null, null, now);
        entry.idempotencyKey = "lotse-" + conversationId + "-final";
        entry.ephemeral = true;
        return entry;
    }

    /** A copy of a transcript entry to another channel of the person: a key of its own, deleted once done. */
    static OutboxEntry copy(long conversationId, long messageId, String channel, String address, String text,
                            String reply, Instant now) {
        OutboxEntry entry = new OutboxEntry(conversationId, messageId, channel, address, text, reply, null, now);
        entry.idempotencyKey = "lotse-" + conversationId + "-" + messageId + "-" + channel;
        entry.copy = true;
        return entry;
    }

    boolean ephemeral() {
        return ephemeral;
    }

    boolean copy() {
        return copy;
    }

    /** Taken for sending until {@code until}; {@code claim} names who took it. */
    void claim(String claim, Instant until) {
        claimedBy = claim;
        claimedUntil = until;
    }

    boolean claimedBy(String claim) {
        return claim.equals(claimedBy);
    }

    void sent(Instant now) {
        release();
        attempts++;
        status = Status.SENT;
        sentAt = now;
        lastError = null;
    }

    void retryAt(Instant when, String reason) {
        release();
        attempts++;
        nextAttemptAt = when;
        lastError = truncate(reason);
    }

    void failed(String reason) {
        release();
        attempts++;
        status = Status.FAILED;
        lastError = truncate(reason);
    }

    private void release() {
        claimedBy = null;
        claimedUntil = null;
    }

    private static String truncate(String reason) {
        return reason == null ? null : reason.length() > 500 ? reason.substring(0, 500) : reason;
    }

    Long id() {
        return id;
    }

    long conversationId() {
        return conversationId;
    }

    long messageId() {
        return messageId;
    }

    String channel() {
        return channel;
    }

    String address() {
        return address;
    }

    String text() {
        return text;
    }

    String reply() {
        return reply;
    }

    String options() {
        return options;
    }

    String idempotencyKey() {
        return idempotencyKey;
    }

    int attempts() {
        return attempts;
    }

    int partsSent() {
        return partsSent;
    }
}
