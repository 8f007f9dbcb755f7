package de.ikoe.lotse.system;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.web.WebProperties;
import org.springframework.boot.webmvc.autoconfigure.error.BasicErrorController;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.ModelAndView;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Spring Boot's error page, except that {@code /error} asked for directly (not as the target of
 * an error) is 404: there is nothing there, and it is no failure of ours; and a parameter that
 * is no valid UTF-8 is the caller's mistake, 400. Browsers get the pages of
 * {@code templates/error.html} (words chosen by status), other clients a problem detail with a reason.
 */
@Configuration(proxyBeanMethods = false)
class ErrorPages {

    @Bean
    BasicErrorController basicErrorController(ErrorAttributes attributes, WebProperties web,
                                              ObjectProvider<ErrorViewResolver> resolvers) {
        return new BasicErrorController(attributes, web.getError(), resolvers.orderedStream().toList()) {
            @Override
            protected HttpStatus getStatus(HttpServletRequest request) {
                if (request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) == null) {
                    return HttpStatus.NOT_FOUND;
                }
                // a parameter that is no valid UTF-8, found before the request reached a controller
                return request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof InvalidParameterException
                        ? HttpStatus.BAD_REQUEST : super.getStatus(request);
            }

            /** For browsers: the one page, told the status this controller settled on. */
            @Override
            public ModelAndView errorHtml(HttpServletRequest request, HttpServletResponse response) {
                HttpStatus status = getStatus(request);
                Map<String, Object> model = new HashMap<>(
                        getErrorAttributes(request, getErrorAttributeOptions(request, MediaType.TEXT_HTML)));
                model.put("status", status.value());
                model.put("error", status.getReasonPhrase());
                return new ModelAndView("error", model, status);
            }

            /** For clients that do not ask for HTML: a problem detail with a reason (RFC 9457), no trace. */
            @Override
            public ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
                HttpStatus status = getStatus(request);
                if (status == HttpStatus.NO_CONTENT) {
                    return new ResponseEntity<>(status);
                }
                Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
                String path = uri == null ? request.getRequestURI() : uri.toString();
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("title", status.getReasonPhrase());
                body.put("status", status.value());
                body.put("detail", reason(status, path));
                body.put("instance", path);
                return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
            }
        };
    }

    static String reason(HttpStatus status, String path) {
        return switch (status) {
            case NOT_FOUND -> "there is nothing at " + path;
            case FORBIDDEN -> "your account's role may not do this";
            case UNAUTHORIZED -> "authentication required";
            case BAD_REQUEST -> "the request is malformed";
            case METHOD_NOT_ALLOWED -> "this method is not allowed at " + path;
            default -> status.is5xxServerError() ? "something went wrong on our side; please try again later"
                    : status.getReasonPhrase();
        };
    }
}
