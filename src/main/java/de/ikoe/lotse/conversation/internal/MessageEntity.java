package de.ikoe.lotse.conversation.internal;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One transcript entry. Its structure (cards, links; null when the text says it all), options and sources are kept as JSON. */
@Entity
@Table(name = "message")
public class MessageEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private long conversationId;
    private int seq;
    private String author;
    private String text;
    private String reply;
    private String options;
    private String sources;
    private Double confidence;
    private String counsellor;
    private String feedback;
    private Instant createdAt;

    protected MessageEntity() {
    }

    MessageEntity(long conversationId, int seq, String author, String text, String reply, String options,
                  String sources, Double confidence, String counsellor, Instant now) {
        this.conversationId = conversationId;
        this.seq = seq;
        this.author = author;
        this.text = text;
        this.reply = reply;
        this.options = options;
        this.sources = sources;
        this.confidence = confidence;
        this.counsellor = counsellor;
        this.createdAt = now;
    }

    public Long id() {
        return id;
    }

    long conversationId() {
        return conversationId;
    }

    int seq() {
        return seq;
    }

    String author() {
        return author;
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

    String sources() {
        return sources;
    }

    Double confidence() {
        return confidence;
    }

    String counsellor() {
        return counsellor;
    }

    Instant createdAt() {
        return createdAt;
    }

    void feedback(String feedback) {
        this.feedback = feedback;
    }
}
