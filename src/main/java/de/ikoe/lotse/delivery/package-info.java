/**
 * Durable delivery: every message to a person is an outbox row, written in the transaction
 * that records it in the transcript, and sent by a worker through the channel's
 * {@link de.ikoe.lotse.delivery.spi.ChannelGateway}, with retries and backoff.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Delivery")
package de.ikoe.lotse.delivery;
