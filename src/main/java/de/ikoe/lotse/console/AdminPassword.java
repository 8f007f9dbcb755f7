package de.ikoe.lotse.console;

import org.springframework.stereotype.Component;

/**
 * The first admin's password from {@code lotse.admin.password} ({@code LOTSE_ADMIN_PASSWORD}),
 * checked against {@link PasswordPolicy} as the service starts: a weak one stops the start with
 * a message that says why, rather than guarding the console with it.
 */
@Component
class AdminPassword {

    private final String configured;

    AdminPassword(AdminProperties properties, PasswordPolicy policy) {
        this.configured = properties.password().isEmpty() ? null : properties.password();
        if (this.configured != null) {
            policy.check(this.configured, AccountService.ADMIN).ifPresent(problem -> {
                throw new WeakAdminPasswordException(problem.reason());
            });
        }
    }

    /** The configured password, or null when none is set (one is generated then). */
    String configured() {
        return configured;
    }

    /** {@code LOTSE_ADMIN_PASSWORD} does not meet the password policy. */
    static class WeakAdminPasswordException extends RuntimeException {
        WeakAdminPasswordException(String reason) {
            super("LOTSE_ADMIN_PASSWORD (lotse.admin.password) is too weak: " + reason);
        }
    }
}
