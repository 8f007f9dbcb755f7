package de.ikoe.lotse.console;

import de.ikoe.lotse.conversation.Counselling;
import de.ikoe.lotse.conversation.TranscriptEntry;
import de.ikoe.lotse.handoff.HandoffService;
import de.ikoe.lotse.handoff.Ticket;
import de.ikoe.lotse.handoff.TicketStatus;
import de.ikoe.lotse.knowledge.KnowledgeSearch;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.security.Principal;
import java.time.Duration;
import java.time.Clock;
import java.util.List;

/** The counsellors' web console: the queue, a ticket, my tickets, and the admins' pages. */
@Controller
class ConsoleController {

    private final HandoffService handoff;
    private final Counselling counselling;
    private final AccountService accounts;
    private final ConsoleEvents events;
    private final KnowledgeSearch knowledge;
    private final Clock clock;

    ConsoleController(HandoffService handoff, Counselling counselling, AccountService accounts, ConsoleEvents events,
                      KnowledgeSearch knowledge, Clock clock) {
        this.handoff = handoff;
        this.counselling = counselling;
        this.accounts = accounts;
        this.events = events;
        this.knowledge = knowledge;
        this.clock = clock;
    }

    /** A ticket as the queue shows it. */
    record Row(long id, String status, String channel, String lang, String waiting, String claimedBy, String summary) {
    }

    private Row row(Ticket t) {
        long minutes = Duration.between(t.waitingSince(), clock.instant()).toMinutes();
        return new Row(t.id(), t.status().name(), t.channel(), t.lang(),
                minutes < 60 ? minutes + " min" : (minutes / 60) + " h " + (minutes % 60) + " min",
                t.claimedBy(), t.summary());
    }

    @GetMapping("/console/login")
    String login() {
        return "console/login";
    }

    @GetMapping("/console")
    String queue(Model model) {
        model.addAttribute("rows", handoff.list(TicketStatus.WAITING).stream().map(this::row).toList());
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
        return "console/mine";
    }

    @GetMapping("/console/tickets/{id}")
    String ticket(@PathVariable long id, Model model, Principal me) {
        Ticket ticket = ticket(id);
        model.addAttribute("ticket", ticket);
        model.addAttribute("transcript", counselling.transcript(id));
        model.addAttribute("mine", ticket.status() == TicketStatus.CLAIMED && me.getName().equals(ticket.claimedBy()));
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
        return "redirect:/console/tickets/" + id;
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

    @PostMapping("/console/tickets/{id}/delete")
    String deleteConversation(@PathVariable long id) {
        ticket(id);
        counselling.deleteConversation(id);
        return "redirect:/console";
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
        return "console/admin";
    }

    @PostMapping("/console/admin/counsellors")
    String create(@RequestParam String username, @RequestParam String displayName, @RequestParam String password,
                  RedirectAttributes flash) {
        if (!username.matches("[a-z0-9._-]{2,100}") || displayName.isBlank() || password.length() < 12) {
            flash.addFlashAttribute("problem", "account-invalid");
        } else if (!accounts.create(username, displayName.strip(), password, CounsellorAccount.Role.COUNSELLOR)) {
            flash.addFlashAttribute("problem", "account-taken");
        } else {
            flash.addFlashAttribute("done", "account-created");
        }
        return "redirect:/console/admin";
    }

    @PostMapping("/console/admin/counsellors/{username}/enabled")
    String enable(@PathVariable String username, @RequestParam boolean enabled, Principal me, RedirectAttributes flash) {
        if (username.equals(me.getName())) {
            flash.addFlashAttribute("problem", "own-account");
        } else {
            accounts.enabled(username, enabled);
        }
        return "redirect:/console/admin";
    }

    @PostMapping("/console/admin/counsellors/{username}/password")
    String reset(@PathVariable String username, RedirectAttributes flash) {
        flash.addFlashAttribute("newPassword", accounts.resetPassword(username));
        flash.addFlashAttribute("newPasswordFor", username);
        return "redirect:/console/admin";
    }

    @PostMapping("/console/admin/knowledge/reload")
    String reload() {
        knowledge.reload();
        return "redirect:/console/admin";
    }

    private Ticket ticket(long id) {
        return handoff.get(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no ticket " + id));
    }
}
