package de.ikoe.lotse.console;

import de.ikoe.lotse.handoff.Ticket;
import org.springframework.security.core.Authentication;

/** Who may do what with a ticket, beyond what the URL's role already settles. */
final class Roles {

    private Roles() {
    }

    static boolean isAdmin(Authentication who) {
        return who != null && who.getAuthorities().stream().anyMatch(a -> "ROLE_ADMIN".equals(a.getAuthority()));
    }

    /**
     * Deleting a ticket's conversation is for the counsellor who holds (or held) the ticket and
     * for admins: no one else may remove a case a colleague works on.
     */
    static boolean mayDelete(Ticket ticket, Authentication who) {
        return isAdmin(who) || (who != null && who.getName().equals(ticket.claimedBy()));
    }
}
