/** What a channel adapter implements so that the outbox can send through it. */
@org.springframework.modulith.NamedInterface("spi")
package de.ikoe.lotse.delivery.spi;
