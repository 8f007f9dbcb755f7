package de.ikoe.lotse.webchat;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/**
 * {@code GET /api/chat/embed}: whether the site the widget runs on may show the chat in a frame
 * ({@code lotse.webchat.allowed-origins}). The browser names that site in the {@code Origin}
 * header, which no page can forge; without one (the service's own pages) it may. The widget
 * asks first, so that a site that is not allowed shows a short notice with a link instead of a
 * frame the browser refuses to fill. The frame's own protection stays the
 * {@code frame-ancestors} of the chat page; this only spares people a broken frame.
 */
@RestController
class EmbedController {

    private final WebChatProperties properties;

    EmbedController(WebChatProperties properties) {
        this.properties = properties;
    }

    @GetMapping("/api/chat/embed")
    ResponseEntity<Map<String, Boolean>> embed(@RequestHeader(value = HttpHeaders.ORIGIN, required = false) String origin) {
        boolean allowed = origin == null || properties.allowedOrigins().stream().anyMatch(o -> o.strip().equals(origin));
        return ResponseEntity.ok()
                .header(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*")
                .header(HttpHeaders.VARY, HttpHeaders.ORIGIN)
                .cacheControl(CacheControl.noStore())
                .body(Map.of("allowed", allowed));
    }
}
