/** User sessions and their refresh-token families; LoginResource lives here (login opens a session, though Login checks the account's password) and TokenResponse, which social login also answers with; EndedSessions also counts partner grants, as the sid of a token is either. */
package com.mustbeviral.auth.session;
