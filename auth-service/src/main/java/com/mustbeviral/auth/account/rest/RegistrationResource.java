package com.mustbeviral.auth.account.rest;

import com.mustbeviral.auth.account.User;
import com.mustbeviral.auth.account.service.Registration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.sql.SQLException;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Sign-up. */
@Path("/api/auth/register")
public class RegistrationResource {

    private final Registration registration;

    RegistrationResource(Registration registration) {
        this.registration = registration;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an account (role creator or influencer)")
    public Response register(@Valid @NotNull RegisterRequest request) throws SQLException {
        User user = registration.register(new Registration.NewAccount(request.email(), request.username(),
                request.password(), request.displayName(), request.role()));
        return Response.created(URI.create("/api/users/" + user.id())).entity(UserView.of(user)).build();
    }
}
