package de.ikoe.lotse.console;

import de.ikoe.lotse.system.AuditLog;
import org.springframework.stereotype.Component;

/** Creating counsellor accounts from other code (tests, set-up scripts). */
@Component
public class ConsoleAccounts {

    private final AccountService accounts;

    ConsoleAccounts(AccountService accounts) {
        this.accounts = accounts;
    }

    /**
     * @return false when the username is taken
     * @throws IllegalArgumentException when the username or password does not meet the rules
     */
    public boolean create(String username, String displayName, String password) {
        try {
            return accounts.create(username, displayName, password, CounsellorAccount.Role.COUNSELLOR, "setup",
                    AuditLog.ANONYMOUS);
        } catch (AccountService.RefusedException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
