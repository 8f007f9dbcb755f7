package de.ikoe.lotse.delivery.spi;

import de.ikoe.lotse.delivery.OutboundMessage;

/** Sends messages on one channel. Implemented by each channel adapter. */
public interface ChannelGateway {

    /** The channel this gateway serves: {@code web}, {@code telegram}, {@code matrix}. */
    String channel();

    /**
     * Sends one message, or what is left of it. Must not throw for expected failures: report
     * them as an outcome. A channel that splits a long text sends the parts from
     * {@link OutboundMessage#partsSent()} on and reports each part the channel took to
     * {@code progress} before it sends the next, so that a retry (also after a crash) repeats none.
     */
    DeliveryOutcome send(OutboundMessage message, PartsSent progress);

    /** Records, durably, that the first {@code count} parts of a message went out. */
    @FunctionalInterface
    interface PartsSent {
        void record(int count);
    }
}
