package com.mustbeviral.auth.partner.rest;

import com.mustbeviral.auth.partner.OAuthScopes;
import com.mustbeviral.auth.partner.service.AuthorizeOutcome.ConsentForm;
import com.mustbeviral.auth.partner.service.AuthorizeOutcome.ErrorPage;

/**
 * The HTML of the authorization endpoint, built by hand: two small pages, every value from a request
 * or the database escaped. No script at all, so the Content-Security-Policy allows none.
 */
final class ConsentPage {

    private static final String STYLE = """
            body{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem;color:#222}
            h1{font-size:1.4rem}ul{padding-left:1.2rem}label{display:block;margin:.8rem 0 .2rem}
            input[type=text],input[type=password]{width:100%;padding:.5rem;box-sizing:border-box}
            .buttons{margin-top:1.2rem;display:flex;gap:.8rem}button{padding:.6rem 1.2rem;font-size:1rem}
            .error{color:#a00;font-weight:bold}""";

    private ConsentPage() {
    }

    static String form(ConsentForm form) {
        StringBuilder scopes = new StringBuilder();
        for (String scope : form.scopes()) {
            scopes.append("<li>").append(escape(OAuthScopes.describe(scope))).append(" <small>(").append(escape(scope))
                    .append(")</small></li>");
        }
        String error = form.error() == null ? "" : "<p class=\"error\" role=\"alert\">" + escape(form.error()) + "</p>";
        return page("Allow " + form.client().name() + "?", """
                <h1><strong>%s</strong> wants to access your Must Be Viral account</h1>
                <p>It asks to:</p>
                <ul>%s</ul>
                %s
                <form method="post" action="/oauth2/authorize/decision">
                  <input type="hidden" name="request" value="%s">
                  <label for="login">Email or username</label>
                  <input type="text" id="login" name="login" autocomplete="username" autofocus>
                  <label for="password">Password</label>
                  <input type="password" id="password" name="password" autocomplete="current-password">
                  <div class="buttons">
                    <button type="submit" name="decision" value="allow">Allow</button>
                    <button type="submit" name="decision" value="deny" formnovalidate>Deny</button>
                  </div>
                </form>
                <p><small>You will be sent back to %s</small></p>""".formatted(escape(form.client().name()), scopes, error,
                escape(form.requestId()), escape(form.redirectUri())));
    }

    static String error(ErrorPage error) {
        return page(error.title(), "<h1>" + escape(error.title()) + "</h1><p>" + escape(error.message()) + "</p>");
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + escape(title) + " · Must Be Viral</title><style>" + STYLE + "</style></head><body>"
                + body + "</body></html>";
    }

    /** HTML-escapes text for element content and double-quoted attribute values. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
