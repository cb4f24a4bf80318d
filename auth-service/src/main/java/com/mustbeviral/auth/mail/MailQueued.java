package com.mustbeviral.auth.mail;

/** Fired when a mail was queued; observed after the commit, it wakes the sender at once. */
record MailQueued() {
}
