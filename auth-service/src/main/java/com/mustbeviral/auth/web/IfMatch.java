package com.mustbeviral.auth.web;

import com.mustbeviral.auth.AuthRefusal;
import com.mustbeviral.platform.problem.Refusal;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The versions an {@code If-Match} header (RFC 9110 section 13.1.1) accepts, where an entity tag is
 * {@code "<version>"}. A write that needs one answers 428 without it, and also for {@code *}, which
 * would let a client overwrite whatever is there without having read it.
 */
public final class IfMatch {

    private static final Pattern ENTITY_TAG = Pattern.compile("\\s*(W/)?\"([\\x21\\x23-\\x7e]*)\"\\s*");

    private IfMatch() {
    }

    /** The versions named by strong entity tags (weak ones never match a strong comparison). */
    public static Set<Long> versions(String header) {
        if (header == null || header.isBlank() || header.trim().equals("*")) {
            throw new Refusal(AuthRefusal.IF_MATCH_REQUIRED, "Send If-Match with the ETag of your last read, so that"
                    + " a change made meanwhile is not overwritten.");
        }
        Set<Long> versions = new HashSet<>();
        for (String tag : header.split(",")) {
            if (tag.isBlank()) {
                continue; // RFC 9110 section 5.6.1: empty list elements do not count
            }
            Matcher m = ENTITY_TAG.matcher(tag);
            if (!m.matches()) {
                throw new Refusal(AuthRefusal.IF_MATCH_INVALID,
                        "If-Match must list entity tags such as \"3\", as sent in ETag.");
            }
            if (m.group(1) == null && m.group(2).matches("[0-9]{1,18}")) {
                versions.add(Long.parseLong(m.group(2)));
            }
        }
        return versions;
    }
}
