/**
 * The web channel: the stateless answer endpoint {@code POST /api/ask}, used by the web chat
 * and the evaluation, and later the web chat sessions and widget.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Web chat")
package de.ikoe.lotse.webchat;
