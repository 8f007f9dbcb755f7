package de.ikoe.lotse.console;

import java.security.SecureRandom;
import java.util.Base64;

/** Passwords the service makes up: for the first admin and for resets, shown once. */
final class RandomPassword {

    private static final SecureRandom RANDOM = new SecureRandom();

    private RandomPassword() {
    }

    /** 24 characters from 18 random bytes (144 bits), URL-safe Base64: well within the policy. */
    static String next() {
        byte[] random = new byte[18];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
