/**
 * Operations: the figures a person who runs the service watches (Prometheus metrics named for this
 * domain) and whether an instance can serve (the knowledge index for the readiness probe). Reads
 * the other modules' public events and services; nothing depends on it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Operations")
package de.ikoe.lotse.operations;
