package de.ikoe.lotse.conversation.internal;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Turns a channel's user id into a pseudonym: an HMAC-SHA256 under a key of the service. The key
 * comes from {@code lotse.privacy.pseudonym-key} ({@code LOTSE_PRIVACY_PSEUDONYM_KEY}); when that
 * is unset, one is generated at first start and kept in the database, so that a person keeps
 * their pseudonym across restarts and instances.
 */
@Component
class Pseudonyms {

    private static final String SETTING = "pseudonym-key";

    private final byte[] key;

    Pseudonyms(PrivacyProperties privacy, JdbcTemplate jdbc, TransactionTemplate transactions) {
        String configured = privacy.pseudonymKey();
        this.key = (configured.isBlank() ? storedKey(jdbc, transactions) : configured).getBytes(StandardCharsets.UTF_8);
    }

    private static String storedKey(JdbcTemplate jdbc, TransactionTemplate transactions) {
        List<String> existing = jdbc.queryForList("select setting_value from lotse_setting where name = ?", String.class, SETTING);
        if (!existing.isEmpty()) {
            return existing.get(0);
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String generated = Base64.getEncoder().encodeToString(random);
        try {
            transactions.executeWithoutResult(status ->
                    jdbc.update("insert into lotse_setting (name, setting_value) values (?, ?)", SETTING, generated));
            return generated;
        } catch (DataIntegrityViolationException anotherInstanceWasFirst) {
            return jdbc.queryForObject("select setting_value from lotse_setting where name = ?", String.class, SETTING);
        }
    }

    String of(String channel, String userId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((channel + ":" + userId).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
