package com.mustbeviral.content;

import static com.mustbeviral.testsupport.Problems.assertProblem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.mustbeviral.content.service.PublishScheduler;
import com.mustbeviral.testsupport.TestClock;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The seed's status machine, and the scheduler that publishes at the time, once. */
@QuarkusTest
class StatusMachineTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    TestClock clock;

    @Inject
    PublishScheduler scheduler;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void aDraftIsPublishedThenArchived() throws Exception {
        Authors author = Authors.creator();
        String id = author.draft("Going live");
        author.as().header("If-Match", "\"1\"").post("/api/content/" + id + "/publish").then().statusCode(200)
                .body("status", equalTo("published")).body("published_at", notNullValue()).header("ETag", "\"2\"");
        author.as().post("/api/content/" + id + "/archive").then().statusCode(200).body("status", equalTo("archived"));
        assertEquals(List.of("content.created", "content.updated", "content.published", "content.archived"),
                Outboxed.types(dataSource, id));
    }

    @Test
    void illegalTransitionsAreConflictsAndChangeNothing() throws Exception {
        Authors author = Authors.creator();
        String id = author.draft("Not yet");
        assertProblem(author.as().post("/api/content/" + id + "/archive").then(), 409)
                .body("content_status", equalTo("draft")).body("target_status", equalTo("archived"))
                .body("type", equalTo("https://mustbeviral.com/problems/illegal-transition"));
        author.as().post("/api/content/" + id + "/publish").then().statusCode(200);
        assertProblem(author.as().post("/api/content/" + id + "/publish").then(), 409);
        assertProblem(author.as().contentType(ContentType.JSON).body("{\"publish_at\":\"" + Instant.now().plusSeconds(3600) + "\"}")
                .post("/api/content/" + id + "/schedule").then(), 409);
        author.as().post("/api/content/" + id + "/archive").then().statusCode(200);
        assertProblem(author.as().post("/api/content/" + id + "/publish").then(), 409);
        assertEquals(4, Outboxed.of(dataSource, id).size());
    }

    @Test
    void aTransitionWithAStaleIfMatchIsRefused() {
        Authors author = Authors.creator();
        String id = author.draft("Stale publish");
        assertProblem(author.as().header("If-Match", "\"7\"").post("/api/content/" + id + "/publish").then(), 412);
        author.as().get("/api/content/" + id).then().body("status", equalTo("draft"));
    }

    @Test
    void aScheduleMustBeInTheFuture() throws Exception {
        Authors author = Authors.creator();
        String id = author.draft("Too late");
        assertProblem(author.as().contentType(ContentType.JSON).body("{\"publish_at\":\"" + Instant.now().minusSeconds(60) + "\"}")
                .post("/api/content/" + id + "/schedule").then(), 422)
                .body("type", equalTo("https://mustbeviral.com/problems/schedule-in-the-past"));
        assertProblem(author.as().contentType(ContentType.JSON).body("{}").post("/api/content/" + id + "/schedule").then(), 400);
        assertProblem(author.as().contentType(ContentType.JSON).body("{\"publish_at\":\"tomorrow\"}")
                .post("/api/content/" + id + "/schedule").then(), 400);
        author.as().get("/api/content/" + id).then().body("status", equalTo("draft")).header("ETag", "\"1\"");
        assertEquals(List.of("content.created"), Outboxed.types(dataSource, id));
    }

    @Test
    void theSchedulerPublishesAtTheTimeAndOnlyOnce() throws Exception {
        Authors author = Authors.creator();
        String id = author.draft("Tomorrow morning");
        author.as().contentType(ContentType.JSON).body("{\"publish_at\":\"" + clock.instant().plus(Duration.ofHours(1)) + "\"}")
                .post("/api/content/" + id + "/schedule").then().statusCode(200).body("status", equalTo("scheduled"));
        assertProblem(author.as().post("/api/content/" + id + "/publish").then(), 409);

        scheduler.publishDue();
        author.as().get("/api/content/" + id).then().body("status", equalTo("scheduled"));

        clock.advance(Duration.ofHours(2));
        scheduler.publishDue();
        scheduler.publishDue();
        author.as().get("/api/content/" + id).then().body("status", equalTo("published"));
        List<Outboxed.Event> events = Outboxed.of(dataSource, id);
        assertEquals(List.of("content.created", "content.scheduled", "content.published"),
                events.stream().map(Outboxed.Event::type).toList());
        assertEquals(true, events.get(2).payload().contains("\"by_scheduler\":true"), events.get(2).payload());
    }

    @Test
    void twoSchedulersRunningAtOnceNeverPublishAnItemTwice() throws Exception {
        Authors author = Authors.creator();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String id = author.draft("Batch " + i);
            author.as().contentType(ContentType.JSON).body("{\"publish_at\":\"" + clock.instant().plus(Duration.ofMinutes(5)) + "\"}")
                    .post("/api/content/" + id + "/schedule").then().statusCode(200);
            ids.add(id);
        }
        clock.advance(Duration.ofMinutes(10));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<Integer> run = scheduler::publishDue;
            List<Future<Integer>> runs = pool.invokeAll(List.of(run, run));
            int published = 0;
            for (Future<Integer> f : runs) {
                published += f.get();
            }
            // Other tests' due items may be published too; ours exactly once each.
            assertEquals(true, published >= ids.size(), "published " + published);
        } finally {
            pool.shutdown();
        }
        for (String id : ids) {
            assertEquals(1, Outboxed.types(dataSource, id).stream().filter("content.published"::equals).count(), id);
            author.as().get("/api/content/" + id).then().body("status", equalTo("published"));
        }
    }
}
