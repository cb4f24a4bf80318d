package com.mustbeviral.content.service;

import java.text.Normalizer;
import java.util.Locale;

/** URL slugs: lower case ASCII letters and digits joined by single hyphens, diacritics folded ("Café Olé" → "cafe-ole"). */
public final class Slugs {

    public static final int MAX_LENGTH = 120;

    private Slugs() {
    }

    public static String of(String text) {
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}", "")
                .replace("ß", "ss").replace("æ", "ae").replace("ø", "o").replace("œ", "oe").replace("ł", "l")
                .toLowerCase(Locale.ROOT);
        String slug = folded.replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > MAX_LENGTH) {
            slug = slug.substring(0, MAX_LENGTH).replaceAll("-+$", "");
        }
        return slug;
    }
}
