package de.ikoe.lotse.console;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;

/**
 * Console accounts. The first admin is {@code admin} with {@code lotse.admin.password}
 * ({@code LOTSE_ADMIN_PASSWORD}); when that is unset at the first start, a random password is
 * generated and printed once. There is no fixed default password.
 */
@Service
class AccountService implements UserDetailsService, ApplicationRunner {

    static final String ADMIN = "admin";
    private static final Logger log = LoggerFactory.getLogger(AccountService.class);

    private final CounsellorAccounts accounts;
    private final PasswordEncoder passwords;
    private final Clock clock;
    private final String adminPassword;
    private final LoginAttempts attempts;

    AccountService(CounsellorAccounts accounts, PasswordEncoder passwords, Clock clock,
                   @Value("${lotse.admin.password:}") String adminPassword, LoginAttempts attempts) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.clock = clock;
        this.adminPassword = adminPassword;
        this.attempts = attempts;
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
                .accountLocked(attempts.locked(username))
                .build();
    }

    @Transactional(readOnly = true)
    public String displayName(String username) {
        return accounts.findById(username).map(CounsellorAccount::displayName).orElse(username);
    }

    /** @return false when the username is taken */
    @Transactional
    public boolean create(String username, String displayName, String password, CounsellorAccount.Role role) {
        if (accounts.existsById(username)) {
            return false;
        }
        accounts.save(new CounsellorAccount(username, displayName, passwords.encode(password), role, clock.instant()));
        return true;
    }

    @Transactional(readOnly = true)
    public java.util.List<CounsellorAccount> all() {
        return accounts.findAll(org.springframework.data.domain.Sort.by("username"));
    }

    @Transactional
    public void enabled(String username, boolean enabled) {
        accounts.findById(username).ifPresent(a -> a.enabled(enabled));
    }

    /** Sets a new random password and returns it, to be shown once. */
    @Transactional
    public String resetPassword(String username) {
        CounsellorAccount account = accounts.findById(username).orElseThrow();
        String password = randomPassword();
        account.passwordHash(passwords.encode(password));
        return password;
    }

    /** 24 characters from 18 random bytes. */
    private static String randomPassword() {
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    @Override
    public void run(ApplicationArguments args) {
        if (accounts.existsById(ADMIN)) {
            return;
        }
        String password = adminPassword;
        if (password.isBlank()) {
            password = randomPassword();
            // Printed once, on the first start only: the account is stored, the password only as a hash.
            log.warn("Created the console account 'admin' with the generated password: {} "
                    + "(set LOTSE_ADMIN_PASSWORD before the first start to choose it)", password);
        }
        try {
            accounts.saveAndFlush(new CounsellorAccount(ADMIN, "Administrator", passwords.encode(password),
                    CounsellorAccount.Role.ADMIN, clock.instant()));
        } catch (DataIntegrityViolationException anotherInstanceWasFirst) {
            log.info("The admin account was created by another instance");
        }
    }
}
