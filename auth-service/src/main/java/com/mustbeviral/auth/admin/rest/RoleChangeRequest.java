package com.mustbeviral.auth.admin.rest;

import com.mustbeviral.auth.account.Role;
import jakarta.validation.constraints.NotNull;

/** Body of {@code PATCH /api/admin/users/{id}/role}. */
public record RoleChangeRequest(@NotNull Role role) {
}
