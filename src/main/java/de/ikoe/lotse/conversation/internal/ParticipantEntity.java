package de.ikoe.lotse.conversation.internal;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A person on one channel, known only by a keyed hash of the channel's user id. */
@Entity
@Table(name = "participant")
public class ParticipantEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private String channel;
    private String pseudonym;
    private String lang;
    private Instant createdAt;

    protected ParticipantEntity() {
    }

    ParticipantEntity(String channel, String pseudonym, Instant now) {
        this.channel = channel;
        this.pseudonym = pseudonym;
        this.createdAt = now;
    }

    public Long id() {
        return id;
    }

    void pseudonym(String pseudonym) {
        this.pseudonym = pseudonym;
    }

    String lang() {
        return lang;
    }

    void lang(String lang) {
        this.lang = lang;
    }
}
