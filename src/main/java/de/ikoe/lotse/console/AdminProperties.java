package de.ikoe.lotse.console;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The first admin account.
 *
 * @param password its password ({@code LOTSE_ADMIN_PASSWORD}); empty: one is generated and logged once
 */
@ConfigurationProperties("lotse.admin")
record AdminProperties(@DefaultValue("") String password) {
}
