/**
 * The Matrix channel: a sync loop on our own small client ({@code client}), rooms with people,
 * and the counsellors' room where tickets are announced, claimed, answered in threads and
 * closed. No Matrix type leaves this package. Off unless {@code lotse.matrix.homeserver} is set.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Matrix")
package de.ikoe.lotse.matrix;
