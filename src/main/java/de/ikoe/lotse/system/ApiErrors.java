package de.ikoe.lotse.system;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.io.IOException;
import java.util.stream.Collectors;

/**
 * Errors of the JSON API as RFC 9457 problem details with a reason a client developer can act
 * on; a browser asking for a page gets a page instead. No stack trace or exception message of ours
 * ever reaches the caller.
 */
@RestControllerAdvice
class ApiErrors extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        String reason = ex.getBindingResult().getFieldErrors().stream()
                .map(FieldError::getDefaultMessage)
                .sorted()
                .collect(Collectors.joining("; "));
        return ResponseEntity.badRequest().body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, reason));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        return ResponseEntity.badRequest().body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "the request body must be a JSON object such as {\"text\": \"Was ist IKÖ?\"}"));
    }

    /**
     * A browser asking for a page (not the API, not a script's fetch) gets the error page of the
     * status ({@code templates/error/}), not JSON: the container shows it after {@code sendError}.
     */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode status, WebRequest request) {
        if (showPage(request, status)) {
            return null;
        }
        return super.handleExceptionInternal(ex, body, headers, status, request);
    }

    private static boolean showPage(WebRequest request, HttpStatusCode status) {
        if (!(request instanceof ServletWebRequest web) || web.getResponse() == null || !status.isError()) {
            return false;
        }
        HttpServletRequest http = web.getRequest();
        String accept = http.getHeader(HttpHeaders.ACCEPT);
        if (accept == null || !accept.contains(MediaType.TEXT_HTML_VALUE) || http.getRequestURI().startsWith("/api/")
                || web.getResponse().isCommitted()) {
            return false;
        }
        try {
            web.getResponse().sendError(status.value());
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A parameter that is not valid percent-encoded UTF-8 ({@code ?lang=%FF}): the caller's mistake. */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<ProblemDetail> badParameter(InvalidParameterException ex) {
        return ResponseEntity.badRequest().body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "a request parameter is not valid percent-encoded UTF-8"));
    }

    /** A parameter name the security firewall refuses, found when the parameters are first read: the caller's mistake. */
    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<ProblemDetail> rejected(RequestRejectedException ex) {
        return ResponseEntity.badRequest().body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "the request has a character or part that is not allowed in a path or parameter"));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception ex, WebRequest request) {
        log.error("Unexpected error while handling a request", ex);
        if (showPage(request, HttpStatus.INTERNAL_SERVER_ERROR)) {
            return null;
        }
        return ResponseEntity.internalServerError().body(ProblemDetail.forStatusAndDetail(
                HttpStatus.INTERNAL_SERVER_ERROR, "something went wrong on our side; please try again later"));
    }
}
