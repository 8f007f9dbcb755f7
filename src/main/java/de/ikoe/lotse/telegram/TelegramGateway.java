package de.ikoe.lotse.telegram;

import de.ikoe.lotse.delivery.OutboundMessage;
import de.ikoe.lotse.delivery.Reply;
import de.ikoe.lotse.delivery.spi.ChannelGateway;
import de.ikoe.lotse.delivery.spi.DeliveryOutcome;
import de.ikoe.lotse.system.PublicUrl;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends the outbox's messages to Telegram chats as HTML: each card of offers and events a message
 * with its links as URL buttons, quick options as an inline keyboard under the last message. It
 * tells the outbox what Telegram's answer means: 429 waits retry_after, 5xx and network trouble
 * retry, 403 (blocked, kicked) and other 400s are final. Telegram has no idempotency key; a part
 * is sent again only when Telegram did not confirm it, or when the service died between
 * Telegram's confirmation and recording it.
 */
class TelegramGateway implements ChannelGateway {

    static final String CHANNEL = "telegram";
    private static final int MAX_CALLBACK_DATA = 64;

    private final TelegramClient client;
    private final PublicUrl publicUrl;

    TelegramGateway(TelegramClient client, PublicUrl publicUrl) {
        this.client = client;
        this.publicUrl = publicUrl;
    }

    @Override
    public String channel() {
        return CHANNEL;
    }

    /**
     * Sends the parts not sent yet, each recorded as soon as Telegram took it: a retry after a
     * failed later part, or after a crash, repeats no part Telegram had confirmed.
     */
    @Override
    public DeliveryOutcome send(OutboundMessage message, PartsSent progress) {
        List<TelegramText.Part> parts = TelegramText.parts(message.reply().resolved(publicUrl.base()));
        for (int i = message.partsSent(); i < parts.size(); i++) {
            boolean last = i == parts.size() - 1;
            DeliveryOutcome outcome = sendPart(message, parts.get(i), last ? message.options() : List.of());
            if (!(outcome instanceof DeliveryOutcome.Sent)) {
                return outcome;
            }
            progress.record(i + 1);
        }
        return DeliveryOutcome.sent();
    }

    /**
     * One part as HTML with its buttons. Should Telegram refuse the HTML, or a button's address
     * (one it cannot open, such as a service reached as localhost), the part goes as plain text
     * with the addresses written out and only the quick options as buttons.
     */
    private DeliveryOutcome sendPart(OutboundMessage message, TelegramText.Part part, List<OutboundMessage.Option> options) {
        SendMessage html = SendMessage.builder().chatId(message.address()).text(part.html())
                .parseMode("HTML").replyMarkup(keyboard(part.buttons(), options)).build();
        try {
            client.execute(html);
            return DeliveryOutcome.sent();
        } catch (TelegramApiRequestException e) {
            String response = String.valueOf(e.getApiResponse());
            if (e.getErrorCode() != null && e.getErrorCode() == 400
                    && (response.contains("can't parse entities") || response.contains("BUTTON_URL_INVALID"))) {
                return sendPlain(message, part.plain(), keyboard(List.of(), options));
            }
            return outcome(e);
        } catch (TelegramApiException e) {
            return DeliveryOutcome.retry("Telegram not reachable: " + e.getMessage());
        }
    }

    private DeliveryOutcome sendPlain(OutboundMessage message, String text, InlineKeyboardMarkup keyboard) {
        try {
            client.execute(SendMessage.builder().chatId(message.address()).text(text).replyMarkup(keyboard).build());
            return DeliveryOutcome.sent();
        } catch (TelegramApiRequestException e) {
            return outcome(e);
        } catch (TelegramApiException e) {
            return DeliveryOutcome.retry("Telegram not reachable: " + e.getMessage());
        }
    }

    static DeliveryOutcome outcome(TelegramApiRequestException e) {
        Integer code = e.getErrorCode();
        String reason = code + " " + e.getApiResponse();
        if (code == null || code >= 500) {
            return DeliveryOutcome.retry(reason);
        }
        if (code == 429) {
            Integer after = e.getParameters() == null ? null : e.getParameters().getRetryAfter();
            return after == null ? DeliveryOutcome.retry(reason) : DeliveryOutcome.retryAfter(Duration.ofSeconds(after), reason);
        }
        return DeliveryOutcome.failed(reason);
    }

    /** A card's links as one row of URL buttons, then each quick option as a row of its own. */
    private static InlineKeyboardMarkup keyboard(List<Reply.Link> links, List<OutboundMessage.Option> options) {
        List<InlineKeyboardRow> rows = new ArrayList<>();
        if (!links.isEmpty()) {
            rows.add(new InlineKeyboardRow(links.stream()
                    .map(l -> InlineKeyboardButton.builder().text(l.label()).url(l.url()).build()).toList()));
        }
        options.stream()
                .filter(o -> o.value().getBytes(StandardCharsets.UTF_8).length <= MAX_CALLBACK_DATA)
                .map(o -> new InlineKeyboardRow(List.of(InlineKeyboardButton.builder().text(o.label())
                        .callbackData(o.value()).build())))
                .forEach(rows::add);
        return rows.isEmpty() ? null : new InlineKeyboardMarkup(rows);
    }
}
