/** Accounts: users, roles, profiles, registration and password login (LoginThrottled too, for the catalogue's Retry-After); UserRepository lives here though sessions, social and partner read it, since a user is an account's. */
package com.mustbeviral.auth.account;
