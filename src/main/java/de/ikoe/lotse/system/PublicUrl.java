package de.ikoe.lotse.system;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * The address people reach the service at ({@code lotse.public-url}, e.g.
 * {@code https://lotse.example.org}): messages that leave the service (Telegram, Matrix, e-mail)
 * link its pages, such as an offer's details, through it. Unset, they do without those links.
 */
@Component
public class PublicUrl {

    private final String base;

    PublicUrl(@Value("${lotse.public-url:}") String url) {
        this.base = check(url.strip()).replaceAll("/+$", "");
    }

    /** The address without a trailing slash, or empty when unset. */
    public String base() {
        return base;
    }

    private static String check(String url) {
        if (url.isEmpty()) {
            return url;
        }
        try {
            URI uri = new URI(url);
            if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null
                    || uri.getQuery() != null || uri.getFragment() != null) {
                throw new IllegalArgumentException("lotse.public-url must be an http(s) address such as "
                        + "https://lotse.example.org, not " + url);
            }
            return url;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("lotse.public-url is not an address: " + e.getMessage(), e);
        }
    }
}
