package com.mustbeviral.auth.account.service;

import com.mustbeviral.auth.account.Role;
import com.mustbeviral.auth.account.User;
import com.mustbeviral.auth.account.repository.UserRepository;
import com.mustbeviral.auth.config.AuthConfig;
import com.mustbeviral.contracts.Topics;
import com.mustbeviral.contracts.auth.AdminBootstrapped;
import com.mustbeviral.platform.outbox.Outbox;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The first admin, as Keycloak's KC_BOOTSTRAP_ADMIN_USERNAME/PASSWORD: no API makes an admin out of
 * nothing (only admins change roles), so at start, when no live admin exists and
 * {@code auth.bootstrap-admin.username} and {@code password} are set, this creates one
 * ({@code admin.bootstrapped}). Its password came through the environment, so it must be replaced at
 * the first login. Once any admin exists the settings are ignored, so a restart with them still set
 * changes nothing, and they can be removed.
 */
@ApplicationScoped
public class BootstrapAdmin {

    private static final Logger LOG = Logger.getLogger(BootstrapAdmin.class);
    private static final String EMAIL_DOMAIN = "bootstrap.mustbeviral.invalid";

    private final UserRepository users;
    private final PasswordHasher hasher;
    private final Outbox outbox;
    private final AuthConfig config;
    private final Clock clock;

    BootstrapAdmin(UserRepository users, PasswordHasher hasher, Outbox outbox, AuthConfig config, Clock clock) {
        this.users = users;
        this.hasher = hasher;
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent start) throws SQLException {
        bootstrap();
    }

    /** Creates the bootstrap admin when it is configured and no admin exists; otherwise does nothing. */
    public void bootstrap() throws SQLException {
        AuthConfig.BootstrapAdmin settings = config.bootstrapAdmin();
        if (settings.username().isEmpty() || settings.password().isEmpty()) {
            return;
        }
        String username = settings.username().get().trim();
        String password = settings.password().get();
        if (password.length() < 8 || password.length() > 128) {
            LOG.error("auth.bootstrap-admin.password must have 8 to 128 characters; no bootstrap admin created");
            return;
        }
        create(username, settings.email().orElse(username + "@" + EMAIL_DOMAIN), hasher.hash(password));
    }

    @Transactional(rollbackOn = Exception.class)
    void create(String username, String email, String passwordHash) throws SQLException {
        if (users.anyLiveAdmin()) {
            LOG.debug("An admin exists; auth.bootstrap-admin is ignored");
            return;
        }
        if (users.usernameTaken(username) || users.emailTaken(email)) {
            LOG.errorf("No admin exists, but the bootstrap admin's username or email (%s) is taken by another"
                    + " account; choose another auth.bootstrap-admin.username", username);
            return;
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        User admin = new User(UUID.randomUUID(), email, username, username, Role.ADMIN, false, 1, now, now);
        users.insert(admin, passwordHash);
        users.requirePasswordChange(admin.id());
        outbox.append(Topics.AUTH_USERS, AdminBootstrapped.TYPE, admin.id().toString(),
                new AdminBootstrapped(admin.id(), username, now), now);
        LOG.infof("Bootstrap admin '%s' created; its first login must set a new password", username);
    }
}
