package de.ikoe.lotse.webchat;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A visitor's chat session: the browser holds the token, we keep only its hash. */
@Entity
@Table(name = "web_session")
class WebSession {

    @Id
    private String id;
    private String tokenHash;
    private Instant createdAt;

    protected WebSession() {
    }

    WebSession(String id, String tokenHash, Instant createdAt) {
        this.id = id;
        this.tokenHash = tokenHash;
        this.createdAt = createdAt;
    }

    String id() {
        return id;
    }

    String tokenHash() {
        return tokenHash;
    }
}
