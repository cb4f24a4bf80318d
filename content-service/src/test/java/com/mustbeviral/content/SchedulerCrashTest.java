package com.mustbeviral.content;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.mustbeviral.content.event.ContentEvents;
import com.mustbeviral.content.event.FailingContentEvents;
import com.mustbeviral.content.service.PublishScheduler;
import com.mustbeviral.platform.outbox.Outbox;
import com.mustbeviral.testsupport.TestClock;
import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.Arc;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.enterprise.inject.spi.ObserverMethod;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A failure between the scheduler's status update and its event (a crash, in effect) leaves the item
 * scheduled and without event; the next run publishes it, once. A restart publishes what fell due
 * while the service was down.
 */
@QuarkusTest
class SchedulerCrashTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    TestClock clock;

    @Inject
    PublishScheduler scheduler;

    @Inject
    Outbox outbox;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void anUpdateWithoutItsEventNeverCommits() throws Exception {
        Authors author = Authors.creator();
        String id = author.draft("Crash course");
        author.as().contentType(ContentType.JSON).body("{\"publish_at\":\"" + clock.instant().plus(Duration.ofMinutes(1)) + "\"}")
                .post("/api/content/" + id + "/schedule").then().statusCode(200);
        QuarkusMock.installMockForType(new FailingContentEvents(outbox), ContentEvents.class);
        clock.advance(Duration.ofMinutes(2));

        scheduler.publishDue();
        author.as().get("/api/content/" + id).then().body("status", equalTo("scheduled"));
        assertEquals(List.of("content.created", "content.scheduled"), Outboxed.types(dataSource, id));

        scheduler.publishDue();
        author.as().get("/api/content/" + id).then().body("status", equalTo("published"));
        assertEquals(List.of("content.created", "content.scheduled", "content.published"), Outboxed.types(dataSource, id));
    }

    @Test
    void theStartUpRunPublishesWhatFellDueWhileDownOnce() throws Exception {
        Authors author = Authors.creator();
        String id = author.draft("Due while down");
        author.as().contentType(ContentType.JSON).body("{\"publish_at\":\"" + clock.instant().plus(Duration.ofMinutes(5)) + "\"}")
                .post("/api/content/" + id + "/schedule").then().statusCode(200);
        // The service is down past the item's time (the test profile's tick is an hour away).
        clock.advance(Duration.ofMinutes(30));

        startUp();
        author.as().get("/api/content/" + id).then().body("status", equalTo("published"));
        startUp();

        List<Outboxed.Event> events = Outboxed.of(dataSource, id);
        assertEquals(List.of("content.created", "content.scheduled", "content.published"),
                events.stream().map(Outboxed.Event::type).toList());
        assertEquals(true, events.get(2).payload().contains("\"by_scheduler\":true"), events.get(2).payload());
    }

    /** What Quarkus does at start for the scheduler: its StartupEvent observer is notified (no other one). */
    private static void startUp() {
        StartupEvent start = new StartupEvent();
        List<ObserverMethod<? super StartupEvent>> observers = Arc.container().beanManager().resolveObserverMethods(start)
                .stream().filter(o -> o.getBeanClass() == PublishScheduler.class).toList();
        assertEquals(1, observers.size(), "the scheduler observes StartupEvent");
        observers.get(0).notify(start);
    }
}
