package com.mustbeviral.content;

import static com.mustbeviral.testsupport.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Create, read, replace, patch, delete: the seed's rules, who may do what, optimistic locking, revisions. */
@QuarkusTest
class ContentCrudTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    com.mustbeviral.content.repository.ContentRepository repository;

    @Test
    void createdDraftHasAStrongETagALocationAndASlugFromItsTitle() throws Exception {
        Authors author = Authors.creator();
        String id = author.create("Café Olé: ten tips", "A body long enough to pass.").then().statusCode(201)
                .header("ETag", "\"1\"")
                .header("Location", endsWith("/api/content/" + author.as().get("/api/content").then().extract()
                        .path("data[0].id")))
                .body("status", equalTo("draft"))
                .body("slug", equalTo("cafe-ole-ten-tips"))
                .body("workspace_id", equalTo(author.id))
                .body("format", equalTo("text"))
                .body("ethics.status", equalTo("passed"))
                .extract().path("id");
        author.as().get("/api/content/" + id).then().statusCode(200).header("ETag", "\"1\"")
                .body("title", equalTo("Café Olé: ten tips"));
        assertEquals(List.of("content.created"), Outboxed.types(dataSource, id));
    }

    @Test
    void aSecondPieceWithTheSameTitleGetsANumberedSlugAndAGivenTakenSlugIsAConflict() {
        Authors author = Authors.creator();
        author.create("Same title", "A body long enough to pass.").then().statusCode(201).body("slug", equalTo("same-title"));
        author.create("Same title", "A body long enough to pass.").then().statusCode(201).body("slug", equalTo("same-title-2"));
        assertProblem(author.as().contentType(ContentType.JSON).body("{\"type\":\"blog_post\",\"visibility\":\"public\","
                + "\"title\":\"Other\",\"body\":\"A body long enough.\",\"slug\":\"same-title\"}").post("/api/content").then(), 409)
                .body("slug", equalTo("same-title"));
        // Another author has slugs of their own.
        Authors.creator().create("Same title", "A body long enough to pass.").then().statusCode(201)
                .body("slug", equalTo("same-title"));
    }

    @Test
    void seedRulesAreEnforcedAndNothingIsSaved() {
        Authors author = Authors.creator();
        assertProblem(author.create("t".repeat(201), "A body long enough.").then(), 400);
        assertProblem(author.create("", "A body long enough.").then(), 400);
        assertProblem(author.create("Title", "too short").then(), 400);
        assertProblem(author.create("Title", "b".repeat(50_001)).then(), 400);
        assertProblem(author.as().contentType(ContentType.JSON).body(Authors.json("Title", "A body long enough.", "secret"))
                .post("/api/content").then(), 400);
        assertProblem(author.as().contentType(ContentType.JSON)
                .body(Authors.json("Title", "A body long enough.", "public").replace("blog_post", "novel"))
                .post("/api/content").then(), 400);
        assertProblem(author.as().contentType(ContentType.JSON)
                .body(Authors.json("Title", "A body long enough.", "public").replace("}", ",\"format\":\"video\"}"))
                .post("/api/content").then(), 400).body("detail", equalTo("An video piece needs at least one media id."));
        assertProblem(author.as().contentType(ContentType.JSON).body("{not json").post("/api/content").then(), 400);
        author.as().get("/api/content").then().statusCode(200).body("data", org.hamcrest.Matchers.empty());
    }

    @Test
    void aBadIdIsABadRequest() {
        assertProblem(Authors.creator().as().get("/api/content/not-a-uuid").then(), 400);
        assertProblem(Authors.creator().as().header("If-Match", "\"1\"").delete("/api/content/42").then(), 400);
        assertProblem(Authors.moderator().as().contentType(ContentType.JSON).body("{\"decision\":\"approve\"}")
                .post("/api/moderation/42/decision").then(), 400);
    }

    @Test
    void aMissingBodyOrAnotherMediaTypeIsRefused() {
        Authors author = Authors.creator();
        assertProblem(author.as().contentType(ContentType.JSON).post("/api/content").then(), 400);
        assertProblem(author.as().contentType(ContentType.TEXT).body("hello").post("/api/content").then(), 415);
        author.as().get("/api/content").then().body("data", org.hamcrest.Matchers.empty());
    }

    @Test
    void anotherUsersPrivateContentDoesNotExistForMe() {
        Authors author = Authors.creator();
        String id = author.draft("Mine");
        Authors other = Authors.creator();
        assertProblem(other.as().get("/api/content/" + id).then(), 404);
        assertProblem(given().get("/api/content/" + id).then(), 404);
        assertProblem(other.as().header("If-Match", "\"1\"").contentType(ContentType.JSON)
                .body(Authors.json("Taken", "A body long enough.", "public")).put("/api/content/" + id).then(), 404);
        assertProblem(other.as().header("If-Match", "\"1\"").delete("/api/content/" + id).then(), 404);
        assertProblem(other.as().post("/api/content/" + id + "/publish").then(), 404);
        author.as().get("/api/content/" + id).then().statusCode(200).body("title", equalTo("Mine")).header("ETag", "\"1\"");
    }

    @Test
    void anAdminMayChangeAnyonesContentAndTheEventSaysWhoDid() throws Exception {
        String id = Authors.creator().draft("Theirs");
        Authors admin = Authors.admin();
        admin.as().header("If-Match", "\"1\"").contentType("application/merge-patch+json").body("{\"title\":\"Fixed\"}")
                .patch("/api/content/" + id).then().statusCode(200).body("title", equalTo("Fixed"));
        String payload = Outboxed.of(dataSource, id).get(1).payload();
        assertEquals(true, payload.contains("\"actor_id\":\"" + admin.id + "\""), payload);
        assertEquals(true, payload.contains("\"actor_role\":\"admin\""), payload);
    }

    @Test
    void writesNeedIfMatch() {
        Authors author = Authors.creator();
        String id = author.draft("Locked");
        assertProblem(author.as().contentType(ContentType.JSON).body(Authors.json("New", "A body long enough.", "public"))
                .put("/api/content/" + id).then(), 428);
        assertProblem(author.as().contentType("application/merge-patch+json").body("{\"title\":\"New\"}")
                .patch("/api/content/" + id).then(), 428);
        assertProblem(author.as().delete("/api/content/" + id).then(), 428);
        author.as().get("/api/content/" + id).then().body("title", equalTo("Locked")).header("ETag", "\"1\"");
    }

    @Test
    void aStaleWriteNeverOverwrites() {
        Authors author = Authors.creator();
        String id = author.draft("First");
        author.as().header("If-Match", "\"1\"").contentType("application/merge-patch+json").body("{\"title\":\"Second\"}")
                .patch("/api/content/" + id).then().statusCode(200).header("ETag", "\"2\"");
        // A client that read version 1 writes again: refused, the second title stays.
        assertProblem(author.as().header("If-Match", "\"1\"").contentType(ContentType.JSON)
                .body(Authors.json("Stale", "A body long enough.", "public")).put("/api/content/" + id).then(), 412)
                .body("current_version", equalTo(2));
        assertProblem(author.as().header("If-Match", "W/\"2\"").delete("/api/content/" + id).then(), 412);
        assertProblem(author.as().header("If-Match", "*").delete("/api/content/" + id).then(), 412);
        author.as().get("/api/content/" + id).then().body("title", equalTo("Second")).header("ETag", "\"2\"");
    }

    @Test
    void concurrentWritesOfOneVersionLetExactlyOneWin() throws Exception {
        Authors author = Authors.creator();
        String id = author.draft("Race");
        List<Integer> statuses = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        List<Thread> writers = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            int n = i;
            writers.add(Thread.ofPlatform().start(() -> statuses.add(author.as().header("If-Match", "\"1\"")
                    .contentType("application/merge-patch+json").body("{\"title\":\"Writer " + n + "\"}")
                    .patch("/api/content/" + id).statusCode())));
        }
        for (Thread t : writers) {
            t.join();
        }
        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        assertEquals(5, statuses.stream().filter(s -> s == 412).count(), statuses.toString());
        author.as().get("/api/content/" + id).then().header("ETag", "\"2\"");
        assertEquals(2, Outboxed.of(dataSource, id).size(), "one created, one updated");
    }

    @Test
    void theStoreItselfRefusesAWriteBasedOnAStaleVersion() throws Exception {
        // SQLite's IMMEDIATE transactions already serialize read-check-write; the compare-and-set in
        // SQL is what keeps a stale write out on any store (and outside such a transaction).
        Authors author = Authors.creator();
        String id = author.draft("Compare and set");
        Content read = repository.find(id).orElseThrow();
        author.as().header("If-Match", "\"1\"").contentType("application/merge-patch+json").body("{\"title\":\"Newer\"}")
                .patch("/api/content/" + id).then().statusCode(200);
        assertEquals(false, repository.compareAndSet(read.next(System.currentTimeMillis(), null)));
        author.as().get("/api/content/" + id).then().body("title", equalTo("Newer")).header("ETag", "\"2\"");
    }

    @Test
    void aMergePatchChangesOnlyWhatItNamesAndNullRemovesOptionalFields() {
        Authors author = Authors.creator();
        String id = author.as().contentType(ContentType.JSON).body("{\"type\":\"social_post\",\"visibility\":\"public\","
                + "\"title\":\"Patch me\",\"body\":\"A body long enough.\",\"seo_title\":\"SEO\",\"metadata\":{\"a\":1},"
                + "\"tags\":[\"Growth\"]}").post("/api/content").then().statusCode(201).extract().path("id");
        author.as().header("If-Match", "\"1\"").contentType("application/merge-patch+json")
                .body("{\"body\":\"A brand new body here.\",\"seo_title\":null,\"metadata\":{\"b\":2}}")
                .patch("/api/content/" + id).then().statusCode(200)
                .body("title", equalTo("Patch me"))
                .body("type", equalTo("social_post"))
                .body("body", equalTo("A brand new body here."))
                .body("seo_title", nullValue())
                .body("metadata.a", equalTo(1))
                .body("metadata.b", equalTo(2))
                .body("tags", contains("growth"));
        assertProblem(author.as().header("If-Match", "\"2\"").contentType("application/merge-patch+json")
                .body("{\"title\":\"" + "t".repeat(201) + "\"}").patch("/api/content/" + id).then(), 400)
                .body("violations[0].field", equalTo("title"));
        assertProblem(author.as().header("If-Match", "\"2\"").contentType("application/merge-patch+json")
                .body("{\"visibility\":\"everyone\"}").patch("/api/content/" + id).then(), 400);
        author.as().get("/api/content/" + id).then().header("ETag", "\"2\"").body("visibility", equalTo("public"));
    }

    @Test
    void deleteIsSoftAndGivesTheSlugBack() throws Exception {
        Authors author = Authors.creator();
        String id = author.draft("Gone soon");
        author.as().header("If-Match", "\"1\"").delete("/api/content/" + id).then().statusCode(204);
        assertProblem(author.as().get("/api/content/" + id).then(), 404);
        author.create("Gone soon", "A body long enough to pass.").then().statusCode(201).body("slug", equalTo("gone-soon"));
        assertEquals(List.of("content.created", "content.updated"), Outboxed.types(dataSource, id));
    }

    @Test
    void revisionsSayWhoChangedWhatAndARestoreIsANewVersion() {
        Authors author = Authors.creator();
        String id = author.draft("Version one");
        author.as().header("If-Match", "\"1\"").contentType("application/merge-patch+json")
                .body("{\"title\":\"Version two\"}").patch("/api/content/" + id).then().statusCode(200);
        author.as().get("/api/content/" + id + "/revisions").then().statusCode(200)
                .body("data.version", contains(2, 1))
                .body("data[0].editor_id", equalTo(author.id))
                .body("data[0].changed_fields", contains("title"))
                .body("data[1].changed_fields", contains("created"));
        author.as().get("/api/content/" + id + "/revisions/1").then().statusCode(200)
                .body("content.title", equalTo("Version one"));
        author.as().header("If-Match", "\"2\"").post("/api/content/" + id + "/revisions/1/restore").then().statusCode(200)
                .header("ETag", "\"3\"").body("title", equalTo("Version one"));
        author.as().get("/api/content/" + id + "/revisions").then()
                .body("data[0].changed_fields", contains("restored_from:1", "title"));
        assertProblem(author.as().header("If-Match", "\"3\"").post("/api/content/" + id + "/revisions/9/restore").then(), 404);
        assertProblem(Authors.creator().as().get("/api/content/" + id + "/revisions").then(), 404);
    }

    @Test
    void aPartnerWritesWithContentWriteForItsUserAndNotWithReadOnly() {
        String user = UUID.randomUUID().toString();
        String body = Authors.json("From a partner", "A body long enough.", "private");
        given().header("Authorization", com.mustbeviral.testsupport.TestTokens.partner("app", "content:write")
                .claim("sub", user).asBearer()).contentType(ContentType.JSON).body(body).post("/api/content").then()
                .statusCode(201).body("author_id", equalTo(user));
        assertProblem(given().header("Authorization", com.mustbeviral.testsupport.TestTokens.partner("app", "content:read")
                .claim("sub", user).asBearer()).contentType(ContentType.JSON).body(body).post("/api/content").then(), 403);
        // client_credentials: the client itself, no user to write for.
        assertProblem(given().header("Authorization", com.mustbeviral.testsupport.TestTokens.partner("app", "content:write")
                .asBearer()).contentType(ContentType.JSON).body(body).post("/api/content").then(), 403);
        given().header("Authorization", com.mustbeviral.testsupport.TestTokens.partner("app", "content:read")
                .claim("sub", user).asBearer()).get("/api/content").then().statusCode(200)
                .body("data.title", hasItem("From a partner"));
    }
}
