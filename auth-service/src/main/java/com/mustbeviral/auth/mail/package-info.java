/**
 * The mail auth sends (verification and password-reset links): a queue table written in the
 * transaction that wants the mail, and one sender thread that makes the link and talks SMTP after the
 * commit. Its own package because account asks for mail and mail reads accounts: neither holds the other.
 */
package com.mustbeviral.auth.mail;
