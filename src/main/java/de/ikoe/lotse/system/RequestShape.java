package de.ikoe.lotse.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Requests whose shape is wrong before any controller sees them get a 4xx with a reason, not a
 * 500: a parameter or path the security firewall refuses (a NUL, an unassigned character), and
 * a Content-Type that is a wildcard or no media type at all. Both were found by fuzzing.
 */
@Configuration
class RequestShape {

    @Bean
    RequestRejectedHandler requestRejectedHandler() {
        return (request, response, rejected) -> problem(response, 400,
                "the request has a character or part that is not allowed in a path or parameter");
    }

    @Component
    @Order(Ordered.HIGHEST_PRECEDENCE)
    static class ContentTypeCheck extends OncePerRequestFilter {

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String type = request.getContentType();
            if (type != null && !type.isBlank()) {
                try {
                    if (MediaType.parseMediaType(type).isWildcardType()) {
                        problem(response, 415, "the Content-Type must name one media type, such as application/json");
                        return;
                    }
                } catch (InvalidMediaTypeException e) {
                    problem(response, 415, "the Content-Type is not a media type; send application/json");
                    return;
                }
            }
            chain.doFilter(request, response);
        }
    }

    private static void problem(HttpServletResponse response, int status, String detail) throws IOException {
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"status\":" + status + ",\"detail\":\"" + detail + "\"}");
    }
}
