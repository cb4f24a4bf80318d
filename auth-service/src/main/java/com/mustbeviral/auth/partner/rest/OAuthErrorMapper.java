package com.mustbeviral.auth.partner.rest;

import com.mustbeviral.auth.partner.service.OAuthError;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Errors of the OAuth endpoints in the format RFC 6749 section 5.2 requires (not problem+json: OAuth
 * client libraries read {@code error} and {@code error_description} and nothing else).
 */
public class OAuthErrorMapper {

    @ServerExceptionMapper
    public Response toOAuthError(OAuthError e) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", e.error());
        body.put("error_description", e.description());
        Response.ResponseBuilder response = Response.status(e.status()).type(MediaType.APPLICATION_JSON).entity(body)
                .header(HttpHeaders.CACHE_CONTROL, "no-store").header("Pragma", "no-cache");
        if (e.status() == 401) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"mustbeviral\"");
        }
        return response.build();
    }
}
