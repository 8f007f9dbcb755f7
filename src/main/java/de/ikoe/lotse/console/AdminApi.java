package de.ikoe.lotse.console;

import de.ikoe.lotse.conversation.Counselling;
import de.ikoe.lotse.handoff.HandoffService;
import de.ikoe.lotse.handoff.Ticket;
import de.ikoe.lotse.handoff.TicketStatus;
import de.ikoe.lotse.system.AuditLog;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.security.Principal;
import java.util.Map;

/**
 * Admins manage counsellor accounts (create, disable, enable, reset the password) and take a
 * held ticket back to the queue or give it to someone else.
 */
@RestController
class AdminApi {

    private final AccountService accounts;
    private final HandoffService handoff;
    private final Counselling counselling;
    private final AuditLog audit;

    AdminApi(AccountService accounts, HandoffService handoff, Counselling counselling, AuditLog audit) {
        this.accounts = accounts;
        this.handoff = handoff;
        this.counselling = counselling;
        this.audit = audit;
    }

    /** The password is checked against the password policy; a refusal says which rule it broke. */
    record NewCounsellor(
            @NotBlank(message = "username must not be empty") String username,
            @NotBlank(message = "displayName must not be empty") @Size(max = 200, message = "displayName is too long")
            String displayName,
            @NotBlank(message = "password must not be empty") String password) {
    }

    record Created(String username, String displayName, String role) {
    }

    record Account(String username, boolean enabled) {
    }

    record NewPassword(String username, String password) {
    }

    record Reassignment(@NotBlank(message = "to must name a counsellor's username") String to) {
    }

    @PostMapping("/api/admin/counsellors")
    @ResponseStatus(HttpStatus.CREATED)
    Created create(@Valid @RequestBody NewCounsellor request, Principal me, HttpServletRequest http) {
        if (!accounts.create(request.username(), request.displayName(), request.password(),
                CounsellorAccount.Role.COUNSELLOR, me.getName(), http.getRemoteAddr())) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "the username " + request.username() + " is taken");
        }
        return new Created(request.username(), request.displayName(), "COUNSELLOR");
    }

    @PostMapping("/api/admin/counsellors/{username}/disable")
    Account disable(@PathVariable String username, Principal me, HttpServletRequest http) {
        if (username.equals(me.getName())) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "you cannot disable your own account");
        }
        accounts.enabled(username, false, me.getName(), http.getRemoteAddr());
        return new Account(username, false);
    }

    @PostMapping("/api/admin/counsellors/{username}/enable")
    Account enable(@PathVariable String username, Principal me, HttpServletRequest http) {
        accounts.enabled(username, true, me.getName(), http.getRemoteAddr());
        return new Account(username, true);
    }

    /** A new random password, in this response only; the account's sessions end. */
    @PostMapping("/api/admin/counsellors/{username}/password")
    NewPassword resetPassword(@PathVariable String username, Principal me, HttpServletRequest http) {
        return new NewPassword(username, accounts.resetPassword(username, me.getName(), http.getRemoteAddr(), null));
    }

    @PostMapping("/api/admin/tickets/{id}/release")
    CounsellorApi.TicketView release(@PathVariable long id, Principal me, HttpServletRequest http) {
        Ticket ticket = held(id);
        if (!counselling.release(id, ticket.claimedBy())) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "ticket " + id + " changed meanwhile; look again");
        }
        audit.record("ticket.released", me.getName(), http.getRemoteAddr(),
                Map.of("ticket", id, "holder", ticket.claimedBy()));
        return CounsellorApi.TicketView.of(handoff.get(id).orElseThrow());
    }

    @PostMapping("/api/admin/tickets/{id}/reassign")
    CounsellorApi.TicketView reassign(@PathVariable long id, @Valid @RequestBody Reassignment request, Principal me,
                                      HttpServletRequest http) {
        Ticket ticket = held(id);
        CounsellorAccount to = accounts.find(request.to()).filter(CounsellorAccount::enabled)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST,
                        "there is no enabled account " + AuditLog.clean(request.to())));
        if (to.username().equals(ticket.claimedBy())) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "ticket " + id + " is already held by " + to.username());
        }
        if (!counselling.reassign(id, ticket.claimedBy(), to.username(), to.displayName())) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "ticket " + id + " changed meanwhile; look again");
        }
        audit.record("ticket.reassigned", me.getName(), http.getRemoteAddr(),
                Map.of("ticket", id, "holder", ticket.claimedBy(), "to", to.username()));
        return CounsellorApi.TicketView.of(handoff.get(id).orElseThrow());
    }

    private Ticket held(long id) {
        Ticket ticket = handoff.get(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no ticket " + id));
        if (ticket.status() != TicketStatus.CLAIMED) {
            throw new ResponseStatusException(HttpStatus.CONFLICT,
                    "ticket " + id + " is " + ticket.status().name().toLowerCase() + ", not held by anyone");
        }
        return ticket;
    }

    @ExceptionHandler(AccountService.RefusedException.class)
    ResponseEntity<ProblemDetail> refused(AccountService.RefusedException e) {
        return ResponseEntity.badRequest().body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage()));
    }

    @ExceptionHandler(AccountService.UnknownAccountException.class)
    ResponseEntity<ProblemDetail> unknown(AccountService.UnknownAccountException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                e.getMessage()));
    }
}
