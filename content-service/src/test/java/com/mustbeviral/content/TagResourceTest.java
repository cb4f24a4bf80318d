package com.mustbeviral.content;

import static com.mustbeviral.testsupport.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import com.mustbeviral.testsupport.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TagResourceTest {

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void threeTags() throws Exception {
        try (Connection c = dataSource.getConnection();
                // Other tests' tags (linked to content) stay; these three sort after them all.
                PreparedStatement delete = c.prepareStatement("DELETE FROM tags WHERE slug LIKE 'zzz-%'");
                PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO tags (id, name, slug, usage_count, created_at) VALUES (?, ?, ?, ?, 0)")) {
            delete.executeUpdate();
            for (String slug : new String[] { "zzz-travel", "zzz-ai", "zzz-food" }) {
                insert.setString(1, UUID.randomUUID().toString());
                insert.setString(2, slug.toUpperCase());
                insert.setString(3, slug);
                insert.setLong(4, slug.length());
                insert.executeUpdate();
            }
        }
    }

    @Test
    void pagesThroughTagsInSlugOrder() {
        String cursor = signedIn().queryParam("limit", 2).queryParam("cursor", "zzz-").get("/api/tags").then().statusCode(200)
                .body("data.slug", contains("zzz-ai", "zzz-food"))
                .body("data[0].usage_count", equalTo(6))
                .body("next_cursor", equalTo("zzz-food"))
                .extract().path("next_cursor");

        signedIn().queryParam("limit", 2).queryParam("cursor", cursor).get("/api/tags").then().statusCode(200)
                .body("data.slug", contains("zzz-travel"))
                .body("next_cursor", nullValue());
    }

    @Test
    void limitAboveMaximumIsABadRequest() {
        assertProblem(signedIn().queryParam("limit", 101).get("/api/tags").then(), 400);
    }

    @Test
    void nonNumericLimitIsAProblemNotAServerError() {
        // JAX-RS answers an unconvertible query parameter with 404 (spec section 3.2).
        assertProblem(signedIn().queryParam("limit", "many").get("/api/tags").then(), 404);
    }

    private static RequestSpecification signedIn() {
        return given().header("Authorization", TestTokens.bearer());
    }

    @Test
    void unknownRouteIsNotFound() {
        assertProblem(given().get("/api/content/nothing/here/at-all").then(), 404);
    }

    @Test
    void wrongMethodIsNotAllowed() {
        assertProblem(given().contentType(ContentType.JSON).body("{}").delete("/api/tags").then(), 405);
    }

    @Test
    void oversizedBodyIsRefused() {
        assertProblem(given().contentType(ContentType.JSON).body("x".repeat(2 * 1024 * 1024))
                .post("/api/tags").then(), 413);
    }
}
