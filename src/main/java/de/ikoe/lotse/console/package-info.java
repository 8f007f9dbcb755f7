/**
 * The counsellors' and admins' side: accounts, and the REST API to work the queue. The web
 * console pages build on the same services.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Console")
package de.ikoe.lotse.console;
