package de.ikoe.lotse.console;

import org.springframework.stereotype.Component;

/** Creating counsellor accounts from other code (tests, set-up scripts). */
@Component
public class ConsoleAccounts {

    private final AccountService accounts;

    ConsoleAccounts(AccountService accounts) {
        this.accounts = accounts;
    }

    /** @return false when the username is taken */
    public boolean create(String username, String displayName, String password) {
        return accounts.create(username, displayName, password, CounsellorAccount.Role.COUNSELLOR);
    }
}
