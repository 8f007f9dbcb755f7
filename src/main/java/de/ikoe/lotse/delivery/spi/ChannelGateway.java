package de.ikoe.lotse.delivery.spi;

import de.ikoe.lotse.delivery.OutboundMessage;

/** Sends messages on one channel. Implemented by each channel adapter. */
public interface ChannelGateway {

    /** The channel this gateway serves: {@code web}, {@code telegram}, {@code matrix}. */
    String channel();

    /** Sends one message. Must not throw for expected failures: report them as an outcome. */
    DeliveryOutcome send(OutboundMessage message);
}
