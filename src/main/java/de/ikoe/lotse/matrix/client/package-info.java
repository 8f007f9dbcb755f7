/**
 * A small client of the Matrix Client-Server API (v3): the subset a bot needs — login or
 * token check, a sync filter, {@code /sync} long polling, joining, and sending with transaction
 * ids — as a typed {@code @HttpExchange} interface on Spring's {@code RestClient}, with records for
 * the fields the bot reads. Errors arrive as {@link de.ikoe.lotse.matrix.client.MatrixException}
 * with the spec's {@code errcode}.
 */
package de.ikoe.lotse.matrix.client;
