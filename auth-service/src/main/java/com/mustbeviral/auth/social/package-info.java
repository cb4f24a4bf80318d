/** Social login (Google, GitHub, X): provider clients, login flows that end in a session, linked accounts. */
package com.mustbeviral.auth.social;
