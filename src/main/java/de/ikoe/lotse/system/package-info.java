/**
 * Cross-cutting configuration: the clock, security (filter chains, password hashing, the
 * console's session registry), API errors, web and JSON settings, and the mechanisms other
 * modules share for defence: token-bucket rate limits ({@link de.ikoe.lotse.system.RateLimits}
 * over a {@link de.ikoe.lotse.system.RateLimitStore}) and the audit trail
 * ({@link de.ikoe.lotse.system.AuditLog}). Holds no business logic.
 */
@org.springframework.modulith.ApplicationModule(displayName = "System", type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package de.ikoe.lotse.system;
