package de.ikoe.lotse.system;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.web.WebProperties;
import org.springframework.boot.webmvc.autoconfigure.error.BasicErrorController;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;

/**
 * Spring Boot's error page, except that {@code /error} asked for directly (not as the target of
 * an error) is 404: there is nothing there, and it is no failure of ours; and a parameter that
 * is no valid UTF-8 is the caller's mistake, 400.
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
        };
    }
}
