package de.ikoe.lotse.console;

import de.ikoe.lotse.conversation.Counselling;
import de.ikoe.lotse.conversation.TranscriptEntry;
import de.ikoe.lotse.handoff.HandoffService;
import de.ikoe.lotse.handoff.Ticket;
import de.ikoe.lotse.handoff.TicketStatus;
import de.ikoe.lotse.knowledge.KnowledgeSearch;
import de.ikoe.lotse.system.AuditLog;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Instant;
import java.time.Duration;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** The counsellors' web console: the queue, a ticket, my tickets, and the admins' pages. */
@Controller
class ConsoleController {

    private final HandoffService handoff;
    private final Counselling counselling;
    private final AccountService accounts;
    private final ConsoleEvents events;
    private final KnowledgeSearch knowledge;
    private final AuditLog audit;
    private final Clock clock;
    private final Duration reminderAfter;
    private final MessageSource messages;

    ConsoleController(HandoffService handoff, Counselling counselling, AccountService accounts, ConsoleEvents events,
                      KnowledgeSearch knowledge, AuditLog audit, Clock clock, MessageSource messages) {
        this.messages = messages;
        this.reminderAfter = handoff.reminderAfter();
        this.handoff = handoff;
        this.counselling = counselling;
        this.accounts = accounts;
        this.events = events;
        this.knowledge = knowledge;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * A ticket as the queue shows it: {@code since} lets the page advance "wartet seit" by itself,
     * {@code overdue} marks a ticket that has waited longer than {@code lotse.handoff.reminder-after}.
     */
    record Row(long id, String status, String channel, String lang, String waiting, Instant since, boolean overdue,
               String claimedBy, String summary) {
    }

    private Row row(Ticket t) {
        Duration waited = Duration.between(t.waitingSince(), clock.instant());
        return new Row(t.id(), t.status().name(), t.channel(), t.lang(), ConsoleFormat.duration(waited),
                t.waitingSince(), t.status() == TicketStatus.WAITING && waited.compareTo(reminderAfter) >= 0,
                t.claimedBy(), t.summary());
    }

    private void alerts(Model model) {
        model.addAttribute("overdueAfterSeconds", reminderAfter.toSeconds());
    }

    @GetMapping("/console/login")
    String login() {
        return "console/login";
    }

    @GetMapping("/console")
    String queue(Model model) {
        model.addAttribute("rows", handoff.list(TicketStatus.WAITING).stream().map(this::row).toList());
        alerts(model);
        return "console/queue";
    }

    @GetMapping(path = "/console/queue.json", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    List<Row> queueJson() {
        return handoff.list(TicketStatus.WAITING).stream().map(this::row).toList();
    }

    @GetMapping("/console/mine")
    String mine(Model model, Principal me) {
        model.addAttribute("rows", handoff.list(TicketStatus.CLAIMED).stream()
                .filter(t -> me.getName().equals(t.claimedBy())).map(this::row).toList());
        alerts(model);
        return "console/mine";
    }

    @GetMapping("/console/tickets/{id}")
    String ticket(@PathVariable long id, Model model, Authentication me) {
        Ticket ticket = ticket(id);
        model.addAttribute("ticket", ticket);
        model.addAttribute("transcript", counselling.transcript(id));
        model.addAttribute("mine", ticket.status() == TicketStatus.CLAIMED && me.getName().equals(ticket.claimedBy()));
        model.addAttribute("byMail", counselling.repliesByMail(id));
        model.addAttribute("mayDelete", Roles.mayDelete(ticket, me));
        model.addAttribute("zone", clock.getZone());
        alerts(model);
        if (Roles.isAdmin(me) && ticket.status() == TicketStatus.CLAIMED) {
            model.addAttribute("colleagues", accounts.all().stream()
                    .filter(a -> a.enabled() && !a.username().equals(ticket.claimedBy())).toList());
        }
        return "console/ticket";
    }

    @GetMapping(path = "/console/tickets/{id}/transcript.json", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    TicketView ticketJson(@PathVariable long id) {
        Ticket t = ticket(id);
        return new TicketView(t.status().name(), t.claimedBy(), counselling.transcript(id));
    }

    record TicketView(String status, String claimedBy, List<TranscriptEntry> transcript) {
    }

    @PostMapping("/console/tickets/{id}/claim")
    String claim(@PathVariable long id, Principal me, RedirectAttributes flash) {
        ticket(id);
        if (!counselling.claim(id, me.getName(), accounts.displayName(me.getName()))) {
            flash.addFlashAttribute("problem", "claimed-elsewhere");
        }
        return "redirect:/console/tickets/" + id;
    }

    /**
     * The same reply sent by the page's script ({@code X-Console-Fetch}): 204, or 4xx with the
     * reason as text, so that the page stays where the counsellor is and keeps what was typed.
     */
    @PostMapping(path = "/console/tickets/{id}/reply", headers = "X-Console-Fetch")
    @ResponseBody
    ResponseEntity<String> replyFromPage(@PathVariable long id, @RequestParam String text, Principal me,
                                         java.util.Locale locale) {
        ticket(id);
        if (text.isBlank() || text.length() > 4000) {
            return problemText(HttpStatus.BAD_REQUEST, "problem.reply-length", locale);
        }
        try {
            counselling.reply(id, me.getName(), text.strip());
            events.ticketChanged(id);
            return ResponseEntity.noContent().build();
        } catch (Counselling.NotTheHolderException e) {
            return problemText(HttpStatus.CONFLICT, "problem.not-holder", locale);
        }
    }

    private ResponseEntity<String> problemText(HttpStatus status, String key, java.util.Locale locale) {
        return ResponseEntity.status(status).contentType(new MediaType("text", "plain", StandardCharsets.UTF_8))
                .body(messages.getMessage(key, null, locale));
    }

    @PostMapping("/console/tickets/{id}/reply")
    String reply(@PathVariable long id, @RequestParam String text, Principal me, RedirectAttributes flash) {
        ticket(id);
        if (text.isBlank() || text.length() > 4000) {
            flash.addFlashAttribute("problem", "reply-length");
        } else {
            try {
                counselling.reply(id, me.getName(), text.strip());
                events.ticketChanged(id);
            } catch (Counselling.NotTheHolderException e) {
                flash.addFlashAttribute("problem", "not-holder");
            }
        }
        return "redirect:/console/tickets/" + id + "#reply";
    }

    @PostMapping("/console/tickets/{id}/close")
    String close(@PathVariable long id, @RequestParam(required = false) String note, Principal me,
                 RedirectAttributes flash) {
        ticket(id);
        try {
            counselling.close(id, me.getName(), note == null ? null : note.strip());
            return "redirect:/console";
        } catch (Counselling.NotTheHolderException e) {
            flash.addFlashAttribute("problem", "not-holder");
            return "redirect:/console/tickets/" + id;
        }
    }

    /** The confirmation step: a page of its own, so that it works without JavaScript. */
    @GetMapping("/console/tickets/{id}/delete")
    String confirmDelete(@PathVariable long id, Model model, Authentication me, HttpServletRequest request) {
        Ticket ticket = deletable(id, me, request);
        model.addAttribute("ticket", ticket);
        return "console/delete";
    }

    /** Deletes only with {@code confirm=yes} from the confirmation page; otherwise asks first. */
    @PostMapping("/console/tickets/{id}/delete")
    String deleteConversation(@PathVariable long id, @RequestParam(required = false) String confirm,
                              Authentication me, HttpServletRequest request, RedirectAttributes flash) {
        deletable(id, me, request);
        if (!"yes".equals(confirm)) {
            return "redirect:/console/tickets/" + id + "/delete";
        }
        counselling.deleteConversation(id);
        audit.record("conversation.deleted", me.getName(), request.getRemoteAddr(), Map.of("ticket", id));
        flash.addFlashAttribute("done", "conversation-deleted");
        return "redirect:/console";
    }

    private Ticket deletable(long id, Authentication me, HttpServletRequest request) {
        Ticket ticket = ticket(id);
        if (!Roles.mayDelete(ticket, me)) {
            audit.record("conversation.delete-refused", me.getName(), request.getRemoteAddr(), Map.of("ticket", id));
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "only the ticket's holder and admins may delete it");
        }
        return ticket;
    }

    @GetMapping(path = "/console/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @ResponseBody
    SseEmitter events() {
        return events.open();
    }

    // --- admins ---

    @GetMapping("/console/admin")
    String admin(Model model) {
        model.addAttribute("accounts", accounts.all());
        model.addAttribute("knowledge", knowledge.status());
        model.addAttribute("hours", handoff.officeHours());
        model.addAttribute("zone", clock.getZone());
        return "console/admin";
    }

    @PostMapping("/console/admin/counsellors")
    String create(@RequestParam String username, @RequestParam String displayName, @RequestParam String password,
                  Principal me, HttpServletRequest request, RedirectAttributes flash) {
        try {
            if (accounts.create(username, displayName, password, CounsellorAccount.Role.COUNSELLOR, me.getName(),
                    request.getRemoteAddr())) {
                flash.addFlashAttribute("done", "account-created");
            } else {
                flash.addFlashAttribute("problem", "account-taken");
            }
        } catch (AccountService.RefusedException e) {
            flash.addFlashAttribute("problem", e.key());
        }
        return "redirect:/console/admin";
    }

    @PostMapping("/console/admin/counsellors/{username}/enabled")
    String enable(@PathVariable String username, @RequestParam boolean enabled, Principal me,
                  HttpServletRequest request, RedirectAttributes flash) {
        if (username.equals(me.getName())) {
            flash.addFlashAttribute("problem", "own-account");
        } else {
            accounts.enabled(username, enabled, me.getName(), request.getRemoteAddr());
        }
        return "redirect:/console/admin";
    }

    /** The confirmation step of a password reset: a page of its own, so that it works without JavaScript. */
    @GetMapping("/console/admin/counsellors/{username}/password")
    String confirmReset(@PathVariable String username, Model model) {
        model.addAttribute("account", accounts.find(username)
                .orElseThrow(() -> new AccountService.UnknownAccountException(username)));
        return "console/reset";
    }

    /** Resets only with {@code confirm=yes} (the dialog or the confirmation page); otherwise asks first. */
    @PostMapping("/console/admin/counsellors/{username}/password")
    String reset(@PathVariable String username, @RequestParam(required = false) String confirm, Principal me,
                 HttpServletRequest request, RedirectAttributes flash) {
        if (!"yes".equals(confirm)) {
            accounts.find(username).orElseThrow(() -> new AccountService.UnknownAccountException(username));
            return "redirect:/console/admin/counsellors/" + username + "/password";
        }
        HttpSession session = request.getSession(false);
        flash.addFlashAttribute("newPassword", accounts.resetPassword(username, me.getName(), request.getRemoteAddr(),
                session == null ? null : session.getId()));
        flash.addFlashAttribute("newPasswordFor", username);
        return "redirect:/console/admin";
    }

    @PostMapping("/console/admin/tickets/{id}/release")
    String release(@PathVariable long id, Principal me, HttpServletRequest request, RedirectAttributes flash) {
        Ticket ticket = ticket(id);
        if (ticket.status() == TicketStatus.CLAIMED && counselling.release(id, ticket.claimedBy())) {
            audit.record("ticket.released", me.getName(), request.getRemoteAddr(),
                    Map.of("ticket", id, "holder", ticket.claimedBy()));
            events.ticketChanged(id);
        } else {
            flash.addFlashAttribute("problem", "ticket-changed");
        }
        return "redirect:/console/tickets/" + id;
    }

    @PostMapping("/console/admin/tickets/{id}/reassign")
    String reassign(@PathVariable long id, @RequestParam String to, Principal me, HttpServletRequest request,
                    RedirectAttributes flash) {
        Ticket ticket = ticket(id);
        CounsellorAccount colleague = accounts.find(to).filter(CounsellorAccount::enabled).orElse(null);
        if (colleague == null || colleague.username().equals(ticket.claimedBy())) {
            flash.addFlashAttribute("problem", "reassign-target");
        } else if (ticket.status() == TicketStatus.CLAIMED
                && counselling.reassign(id, ticket.claimedBy(), colleague.username(), colleague.displayName())) {
            audit.record("ticket.reassigned", me.getName(), request.getRemoteAddr(),
                    Map.of("ticket", id, "holder", ticket.claimedBy(), "to", colleague.username()));
            events.ticketChanged(id);
        } else {
            flash.addFlashAttribute("problem", "ticket-changed");
        }
        return "redirect:/console/tickets/" + id;
    }

    @PostMapping("/console/admin/knowledge/reload")
    String reload() {
        knowledge.reload();
        return "redirect:/console/admin";
    }

    private Ticket ticket(long id) {
        return handoff.get(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no ticket " + id));
    }

    /** An account that does not exist: the 404 page, or for scripts a problem detail. */
    @ExceptionHandler(AccountService.UnknownAccountException.class)
    void unknownAccount(jakarta.servlet.http.HttpServletResponse response) throws java.io.IOException {
        response.sendError(HttpStatus.NOT_FOUND.value());
    }
}
