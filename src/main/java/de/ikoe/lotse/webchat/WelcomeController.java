package de.ikoe.lotse.webchat;

import de.ikoe.lotse.conversation.ConversationService;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;

/**
 * The welcome and the starters a new chat shows before the person writes. Nothing is stored and
 * no session is needed: the conversation begins, with the same welcome, when the person writes or
 * presses a starter.
 */
@RestController
class WelcomeController {

    private final ConversationService conversations;

    WelcomeController(ConversationService conversations) {
        this.conversations = conversations;
    }

    /** @param lang {@code de} or {@code en}; any other language gets German */
    @GetMapping("/api/chat/welcome")
    ResponseEntity<ConversationService.Welcome> welcome(@RequestParam(defaultValue = "de") String lang) {
        // editors may change the words: a browser keeps them a minute at most
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(Duration.ofMinutes(1)))
                .body(conversations.welcome(lang));
    }
}
