package de.ikoe.lotse.console;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A person who may log into the console: a counsellor or an admin. */
@Entity
@Table(name = "counsellor")
public class CounsellorAccount {

    public enum Role { COUNSELLOR, ADMIN }

    @Id
    private String username;
    private String displayName;
    private String passwordHash;
    @Enumerated(EnumType.STRING)
    private Role role;
    private boolean enabled;
    private Instant createdAt;

    protected CounsellorAccount() {
    }

    CounsellorAccount(String username, String displayName, String passwordHash, Role role, Instant now) {
        this.username = username;
        this.displayName = displayName;
        this.passwordHash = passwordHash;
        this.role = role;
        this.enabled = true;
        this.createdAt = now;
    }

    public String username() {
        return username;
    }

    public String displayName() {
        return displayName;
    }

    String passwordHash() {
        return passwordHash;
    }

    public Role role() {
        return role;
    }

    public boolean enabled() {
        return enabled;
    }

    void enabled(boolean enabled) {
        this.enabled = enabled;
    }

    void passwordHash(String passwordHash) {
        this.passwordHash = passwordHash;
    }
}
