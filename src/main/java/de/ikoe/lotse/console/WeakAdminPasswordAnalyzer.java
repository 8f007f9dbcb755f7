package de.ikoe.lotse.console;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a weak {@code LOTSE_ADMIN_PASSWORD} into Spring Boot's plain "failed to start" report. */
class WeakAdminPasswordAnalyzer extends AbstractFailureAnalyzer<AdminPassword.WeakAdminPasswordException> {

    @Override
    protected FailureAnalysis analyze(Throwable root, AdminPassword.WeakAdminPasswordException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Set LOTSE_ADMIN_PASSWORD to a password of at least " + PasswordPolicy.MIN_LENGTH
                        + " characters that is not a common word or a simple run (or leave it unset: "
                        + "then a strong one is generated and printed once at the first start).", cause);
    }
}
