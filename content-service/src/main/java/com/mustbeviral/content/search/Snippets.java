package com.mustbeviral.content.search;

/**
 * A snippet as safe HTML: the text escaped, each hit in {@code <mark>}. The index marks hits with
 * control characters, so that no markup from a piece's own text can pass for a highlight.
 */
final class Snippets {

    private Snippets() {
    }

    static String html(String marked) {
        if (marked == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(marked.length() + 16);
        for (int i = 0; i < marked.length(); i++) {
            char ch = marked.charAt(i);
            switch (ch) {
                case KeywordSearch.HIT_START -> out.append("<mark>");
                case KeywordSearch.HIT_END -> out.append("</mark>");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }
}
