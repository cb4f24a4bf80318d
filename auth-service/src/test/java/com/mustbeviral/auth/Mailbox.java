package com.mustbeviral.auth;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;

/** Reads the mail auth sent, over IMAP from {@link SmtpServerResource}'s GreenMail. */
final class Mailbox {

    /** A mail as received: subject and plain-text body. */
    record Mail(String subject, String body) {

        /** The token of the link in the body (after {@code #token=}). */
        String token() {
            Matcher m = Pattern.compile("#token=([A-Za-z0-9_-]+)").matcher(body);
            if (!m.find()) {
                throw new AssertionError("No link in: " + body);
            }
            return m.group(1);
        }
    }

    private Mailbox() {
    }

    /** Every mail received at this address so far. */
    static List<Mail> read(String address) {
        int port = ConfigProvider.getConfig().getValue("test.mail.imap-port", Integer.class);
        Properties props = new Properties();
        props.put("mail.imap.host", "127.0.0.1");
        props.put("mail.imap.port", Integer.toString(port));
        List<Mail> mails = new ArrayList<>();
        try {
            Store store = Session.getInstance(props).getStore("imap");
            try {
                store.connect(address, address);
            } catch (jakarta.mail.AuthenticationFailedException noMailboxYet) {
                return mails;
            }
            try {
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                for (Message m : inbox.getMessages()) {
                    mails.add(new Mail(m.getSubject(), m.getContent().toString()));
                }
                inbox.close(false);
            } finally {
                store.close();
            }
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
        return mails;
    }

    /** Waits (up to 20 s) until the address has received {@code count} mails; returns the last. */
    static Mail await(String address, int count) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            List<Mail> mails = read(address);
            if (mails.size() >= count) {
                return mails.get(count - 1);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("Fewer than " + count + " mails for " + address);
    }

    /** The first mail to the address (the verification mail of a registration). */
    static Mail await(String address) {
        return await(address, 1);
    }
}
