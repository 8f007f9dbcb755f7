/**
 * Cross-cutting configuration: the clock, web and JSON settings. Holds no business logic.
 */
@org.springframework.modulith.ApplicationModule(displayName = "System", type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package de.ikoe.lotse.system;
