package de.ikoe.lotse.webchat;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * The web chat's settings.
 *
 * @param allowedOrigins sites that may embed the chat page with the widget
 * @param rate           how much one chat session and one client address may ask
 */
@ConfigurationProperties("lotse.webchat")
record WebChatProperties(@DefaultValue List<String> allowedOrigins, @DefaultValue Rate rate) {

    /**
     * Token buckets, each refilled evenly over {@code period}; the client address is the one the
     * trusted proxy reports, if any.
     *
     * @param messagesPerSession  messages one chat session may send
     * @param messagesPerAddress  messages all sessions of one address may send
     * @param sessionsPerAddress  chats one address may start
     * @param asksPerAddress      {@code POST /api/ask} questions one address may ask
     * @param streamsPerSession   live streams one session may hold open at once
     * @param streamsPerAddress   live streams one address may hold open at once
     */
    record Rate(@DefaultValue("30") int messagesPerSession,
                @DefaultValue("120") int messagesPerAddress,
                @DefaultValue("20") int sessionsPerAddress,
                @DefaultValue("30") int asksPerAddress,
                @DefaultValue("3") int streamsPerSession,
                @DefaultValue("30") int streamsPerAddress,
                @DefaultValue("1m") Duration period) {
    }
}
