package com.mustbeviral.auth.account.rest;

import com.mustbeviral.auth.account.service.EmailVerification;
import com.mustbeviral.auth.account.service.PasswordReset;
import com.mustbeviral.auth.web.Caller;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The flows that go through the user's mailbox: email verification and "forgot password". */
@Path("/api/auth")
@Produces(MediaType.APPLICATION_JSON)
public class AccountMailResource {

    /** A link's token, as the app's page read it from the link's fragment. */
    public record TokenRequest(@NotBlank @Size(max = 128) String token) {
    }

    public record ForgotPasswordRequest(@NotBlank @Email @Size(max = 254) String email) {
    }

    public record ResetPasswordRequest(@NotBlank @Size(max = 128) String token,
            @NotNull @Size(min = 8, max = 128) String newPassword) {
    }

    private final EmailVerification verification;
    private final PasswordReset reset;
    private final Caller caller;

    AccountMailResource(EmailVerification verification, PasswordReset reset, Caller caller) {
        this.verification = verification;
        this.reset = reset;
        this.caller = caller;
    }

    @POST
    @Path("/verify-email")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Verify my email address with the token of the link mailed to it (single use)")
    public Response verify(@Valid @NotNull TokenRequest request) throws SQLException {
        verification.verify(request.token());
        return Response.noContent().build();
    }

    @POST
    @Path("/verify-email/resend")
    @Authenticated
    @Operation(summary = "Send the verification mail again; the previous link stops working")
    public Response resend() throws SQLException {
        verification.resend(caller.userId());
        return Response.accepted().build();
    }

    @POST
    @Path("/password/forgot")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Mail a password-reset link to this address if it has an account; the same answer either way")
    public Response forgot(@Valid @NotNull ForgotPasswordRequest request) throws SQLException {
        reset.request(request.email());
        return Response.accepted().build();
    }

    @POST
    @Path("/password/reset")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set a new password with a reset link's token; every session and partner grant ends")
    public Response reset(@Valid @NotNull ResetPasswordRequest request) throws SQLException {
        reset.reset(request.token(), request.newPassword());
        return Response.noContent().build();
    }
}
