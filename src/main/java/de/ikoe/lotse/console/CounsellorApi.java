package de.ikoe.lotse.console;

import de.ikoe.lotse.conversation.Counselling;
import de.ikoe.lotse.conversation.TranscriptEntry;
import de.ikoe.lotse.handoff.HandoffService;
import de.ikoe.lotse.handoff.Intake;
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
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.security.Principal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The counsellors' REST API: list, read, claim, answer and close tickets, delete a conversation. */
@RestController
@RequestMapping("/api/counsellor/tickets")
class CounsellorApi {

    private final HandoffService handoff;
    private final Counselling counselling;
    private final AccountService accounts;
    private final AuditLog audit;

    CounsellorApi(HandoffService handoff, Counselling counselling, AccountService accounts, AuditLog audit) {
        this.handoff = handoff;
        this.counselling = counselling;
        this.accounts = accounts;
        this.audit = audit;
    }

    record TicketView(long id, String status, String channel, String lang, Instant waitingSince, String claimedBy,
                      String summary, Intake intake) {

        static TicketView of(Ticket t) {
            return new TicketView(t.id(), t.status().name(), t.channel(), t.lang(), t.waitingSince(), t.claimedBy(),
                    t.summary(), t.intake());
        }
    }

    record TicketDetail(long id, String status, String channel, String lang, Instant waitingSince, String claimedBy,
                        String summary, Intake intake, String closeNote, List<Line> transcript) {
    }

    record Line(int seq, String author, String text, Instant at) {

        static Line of(TranscriptEntry e) {
            return new Line(e.seq(), e.author(), e.text(), e.at());
        }
    }

    record MessageRequest(@NotBlank(message = "text must not be empty")
                          @Size(max = 4000, message = "text must be at most 4000 characters") String text) {
    }

    record CloseRequest(@Size(max = 4000, message = "note must be at most 4000 characters") String note) {
    }

    @GetMapping
    List<TicketView> list(@RequestParam(defaultValue = "WAITING") String status) {
        TicketStatus wanted = Arrays.stream(TicketStatus.values()).filter(s -> s.name().equals(status)).findFirst()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST, "status must be one of "
                        + Arrays.stream(TicketStatus.values()).map(Enum::name).collect(Collectors.joining(", "))));
        return handoff.list(wanted).stream().map(TicketView::of).toList();
    }

    @GetMapping("/{id}")
    TicketDetail get(@PathVariable long id) {
        Ticket t = ticket(id);
        return new TicketDetail(t.id(), t.status().name(), t.channel(), t.lang(), t.waitingSince(), t.claimedBy(),
                t.summary(), t.intake(), t.closeNote(), counselling.transcript(id).stream().map(Line::of).toList());
    }

    @PostMapping("/{id}/claim")
    TicketView claim(@PathVariable long id, Principal me) {
        Ticket before = ticket(id);
        if (!counselling.claim(id, me.getName(), accounts.displayName(me.getName()))) {
            Ticket now = ticket(id);
            throw new ResponseStatusException(HttpStatus.CONFLICT, now.status() == TicketStatus.CLAIMED
                    ? "ticket " + id + " is already held by " + now.claimedBy()
                    : "ticket " + id + " is " + before.status().name().toLowerCase() + " and cannot be claimed");
        }
        return TicketView.of(ticket(id));
    }

    @PostMapping("/{id}/messages")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void reply(@PathVariable long id, @Valid @RequestBody MessageRequest request, Principal me) {
        ticket(id);
        counselling.reply(id, me.getName(), request.text());
    }

    @PostMapping("/{id}/close")
    TicketView close(@PathVariable long id, @Valid @RequestBody(required = false) CloseRequest request, Principal me) {
        ticket(id);
        counselling.close(id, me.getName(), request == null ? null : request.note());
        return TicketView.of(ticket(id));
    }

    /** Only the ticket's holder and admins; the person is told, the audit log records it. */
    @DeleteMapping("/{id}/conversation")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteConversation(@PathVariable long id, Authentication me, HttpServletRequest http) {
        Ticket ticket = ticket(id);
        if (!Roles.mayDelete(ticket, me)) {
            audit.record("conversation.delete-refused", me.getName(), http.getRemoteAddr(), Map.of("ticket", id));
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "only the counsellor who holds ticket " + id
                    + " and admins may delete its conversation");
        }
        counselling.deleteConversation(id);
        audit.record("conversation.deleted", me.getName(), http.getRemoteAddr(), Map.of("ticket", id));
    }

    private Ticket ticket(long id) {
        return handoff.get(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no ticket " + id));
    }

    @ExceptionHandler(Counselling.NotTheHolderException.class)
    ResponseEntity<ProblemDetail> notTheHolder(Counselling.NotTheHolderException e) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
                e.getMessage() + "; only the counsellor who claimed it may write or close"));
    }
}
