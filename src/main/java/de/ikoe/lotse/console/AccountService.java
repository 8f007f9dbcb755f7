package de.ikoe.lotse.console;

import de.ikoe.lotse.system.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsPasswordService;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Console accounts. The first admin is {@code admin} with {@code lotse.admin.password}
 * ({@code LOTSE_ADMIN_PASSWORD}, checked at start by {@link AdminPassword}); when that is unset at
 * the first start, a random password is generated and printed once. Every password meets
 * {@link PasswordPolicy}. Disabling an account or resetting its password ends its console
 * sessions at once; every change is written to the audit log.
 */
@Service
class AccountService implements UserDetailsService, UserDetailsPasswordService, ApplicationRunner {

    static final String ADMIN = "admin";
    static final String USERNAME = "[a-z0-9._-]{2,100}";
    private static final Logger log = LoggerFactory.getLogger(AccountService.class);

    private final CounsellorAccounts accounts;
    private final PasswordEncoder passwords;
    private final PasswordPolicy policy;
    private final SessionRegistry sessions;
    private final AuditLog audit;
    private final Clock clock;
    private final AdminPassword adminPassword;

    AccountService(CounsellorAccounts accounts, PasswordEncoder passwords, PasswordPolicy policy,
                   SessionRegistry sessions, AuditLog audit, Clock clock, AdminPassword adminPassword) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.policy = policy;
        this.sessions = sessions;
        this.audit = audit;
        this.clock = clock;
        this.adminPassword = adminPassword;
    }

    /** An account could not be created or changed as asked: the reason, for a 4xx. */
    static class RefusedException extends RuntimeException {

        private final String key;

        RefusedException(String reason, String key) {
            super(reason);
            this.key = key;
        }

        /** The console's message key, {@code problem.<key>}. */
        String key() {
            return key;
        }
    }

    /** There is no such account. */
    static class UnknownAccountException extends RuntimeException {
        UnknownAccountException(String username) {
            super("there is no account " + AuditLog.clean(username));
        }
    }

    @Override
    @Transactional(readOnly = true)
    public UserDetails loadUserByUsername(String username) {
        CounsellorAccount account = accounts.findById(username)
                .orElseThrow(() -> new UsernameNotFoundException("no such account"));
        return User.withUsername(account.username())
                .password(account.passwordHash())
                .roles(account.role().name())
                .disabled(!account.enabled())
                .build();
    }

    /** Stores the hash again when its form is outdated (a hash from before the {bcrypt} prefix). */
    @Override
    @Transactional
    public UserDetails updatePassword(UserDetails user, String newPassword) {
        accounts.findById(user.getUsername()).ifPresent(a -> a.passwordHash(newPassword));
        return User.withUserDetails(user).password(newPassword).build();
    }

    @Transactional(readOnly = true)
    public String displayName(String username) {
        return accounts.findById(username).map(CounsellorAccount::displayName).orElse(username);
    }

    @Transactional(readOnly = true)
    public Optional<CounsellorAccount> find(String username) {
        return accounts.findById(username);
    }

    /**
     * @return false when the username is taken
     * @throws RefusedException when the username or password does not do
     */
    @Transactional
    public boolean create(String username, String displayName, String password, CounsellorAccount.Role role,
                          String by, String from) {
        if (username == null || !username.matches(USERNAME)) {
            throw new RefusedException("username must be 2-100 characters of a-z, 0-9, '.', '_', '-'", "account-invalid");
        }
        if (displayName == null || displayName.isBlank() || displayName.length() > 200) {
            throw new RefusedException("displayName must be 1-200 characters", "account-invalid");
        }
        policy.check(password, username).ifPresent(p -> {
            throw new RefusedException(p.reason(), p.key());
        });
        if (accounts.existsById(username)) {
            return false;
        }
        accounts.save(new CounsellorAccount(username, displayName.strip(), passwords.encode(password), role,
                clock.instant()));
        audit.record("account.created", by, from, Map.of("account", username, "role", role.name()));
        return true;
    }

    @Transactional(readOnly = true)
    public List<CounsellorAccount> all() {
        return accounts.findAll(org.springframework.data.domain.Sort.by("username"));
    }

    /** Enables or disables an account; disabling ends its sessions. */
    @Transactional
    public void enabled(String username, boolean enabled, String by, String from) {
        CounsellorAccount account = accounts.findById(username).orElseThrow(() -> new UnknownAccountException(username));
        account.enabled(enabled);
        int ended = enabled ? 0 : endSessions(username, null);
        audit.record(enabled ? "account.enabled" : "account.disabled", by, from,
                Map.of("account", username, "sessionsEnded", ended));
    }

    /**
     * Sets a new random password and returns it, to be shown once. The account's sessions end,
     * except the one asking (an admin resetting their own password).
     */
    @Transactional
    public String resetPassword(String username, String by, String from, String keepSession) {
        CounsellorAccount account = accounts.findById(username).orElseThrow(() -> new UnknownAccountException(username));
        String password = RandomPassword.next();
        account.passwordHash(passwords.encode(password));
        int ended = endSessions(username, keepSession);
        audit.record("account.password-reset", by, from, Map.of("account", username, "sessionsEnded", ended));
        return password;
    }

    /** Marks the account's sessions expired: their next request goes to the login page. */
    private int endSessions(String username, String keepSession) {
        int ended = 0;
        for (Object principal : sessions.getAllPrincipals()) {
            if (principal instanceof UserDetails user && user.getUsername().equals(username)) {
                for (SessionInformation session : sessions.getAllSessions(principal, false)) {
                    if (!session.getSessionId().equals(keepSession)) {
                        session.expireNow();
                        ended++;
                    }
                }
            }
        }
        return ended;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (accounts.existsById(ADMIN)) {
            return;
        }
        String password = adminPassword.configured();
        if (password == null) {
            password = RandomPassword.next();
            // Printed once, on the first start only: the account is stored, the password only as a hash.
            log.warn("Created the console account 'admin' with the generated password: {} "
                    + "(set LOTSE_ADMIN_PASSWORD before the first start to choose it)", password);
        }
        try {
            accounts.saveAndFlush(new CounsellorAccount(ADMIN, "Administrator", passwords.encode(password),
                    CounsellorAccount.Role.ADMIN, clock.instant()));
            audit.record("account.created", AuditLog.ANONYMOUS, "startup", Map.of("account", ADMIN, "role", "ADMIN"));
        } catch (DataIntegrityViolationException anotherInstanceWasFirst) {
            log.info("The admin account was created by another instance");
        }
    }
}
