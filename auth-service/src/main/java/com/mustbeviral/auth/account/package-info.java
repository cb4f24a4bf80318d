/** Accounts: users, roles, profiles, registration and password login (LoginThrottled and MailThrottled too, for the catalogue's Retry-After), email verification, password reset and change, the bootstrap admin; UserRepository lives here though sessions, social and partner read it, since a user is an account's. */
package com.mustbeviral.auth.account;
