package com.mustbeviral.content;

import static io.restassured.RestAssured.given;

import com.mustbeviral.testsupport.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;

/** Callers of each role, and content as a test writes it. */
final class Authors {

    final String id = UUID.randomUUID().toString();
    private final String bearer;

    private Authors(String role) {
        this.bearer = TestTokens.user().claim("sub", id).claim("role", role).asBearer();
    }

    static Authors creator() {
        return new Authors("creator");
    }

    static Authors admin() {
        return new Authors("admin");
    }

    static Authors moderator() {
        return new Authors("moderator");
    }

    RequestSpecification as() {
        return given().header("Authorization", bearer);
    }

    /** Creates a public blog post; the answer (201 expected by the caller). */
    Response create(String title, String body) {
        return as().contentType(ContentType.JSON).body(json(title, body, "public")).post("/api/content");
    }

    /** Creates a piece and returns its id. */
    String draft(String title) {
        return create(title, "A body long enough to pass the rules.").then().statusCode(201).extract().path("id");
    }

    String published(String title) {
        String id = draft(title);
        as().post("/api/content/" + id + "/publish").then().statusCode(200);
        return id;
    }

    static String json(String title, String body, String visibility) {
        return "{\"type\":\"blog_post\",\"visibility\":\"" + visibility + "\",\"title\":\"" + title + "\",\"body\":\""
                + body + "\"}";
    }
}
