package com.mustbeviral.content;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.mustbeviral.testsupport.KafkaBrokerResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Creates sent together, which the service saves in shared transactions (the platform's
 * {@code SharedTransactions}): each sees the ones saved before it, and one that fails fails alone.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
class ConcurrentCreatesTest {

    private static final int CREATES = 16;

    @Inject
    AgroalDataSource dataSource;

    private final ExecutorService clients = Executors.newFixedThreadPool(CREATES);

    @AfterEach
    void stop() {
        clients.shutdownNow();
    }

    private List<Response> together(IntFunction<Response> create) throws Exception {
        List<Future<Response>> sent = new ArrayList<>();
        for (int i = 0; i < CREATES; i++) {
            int n = i;
            sent.add(clients.submit(() -> create.apply(n)));
        }
        List<Response> answers = new ArrayList<>();
        for (Future<Response> answer : sent) {
            answers.add(answer.get(60, TimeUnit.SECONDS));
        }
        return answers;
    }

    @Test
    void piecesOfOneTitleCreatedTogetherGetEveryNumberedSlugOnce() throws Exception {
        Authors author = Authors.creator();

        List<Response> answers = together(i -> author.create("Crowded title", "A body long enough to pass."));

        Set<String> slugs = new HashSet<>();
        for (Response answer : answers) {
            assertEquals(201, answer.statusCode(), answer.asString());
            slugs.add(answer.path("slug"));
        }
        Set<String> expected = new HashSet<>();
        expected.add("crowded-title");
        for (int i = 2; i <= CREATES; i++) {
            expected.add("crowded-title-" + i);
        }
        assertEquals(expected, slugs);
        assertEquals(CREATES, count("SELECT count(*) FROM content_revisions r JOIN content c ON c.id = r.content_id"
                + " WHERE c.author_id = ?", author.id));
    }

    @Test
    void ofPiecesCreatedTogetherWithOneChosenSlugOneIsSavedAndTheOthersAreRefusedWithNothingWritten() throws Exception {
        Authors author = Authors.creator();

        List<Response> answers = together(i -> author.as().contentType(ContentType.JSON)
                .body("{\"type\":\"blog_post\",\"visibility\":\"public\",\"title\":\"Rival " + i
                        + "\",\"body\":\"A body long enough to pass.\",\"slug\":\"the-chosen-one\"}")
                .post("/api/content"));

        List<Integer> statuses = answers.stream().map(Response::statusCode).sorted().toList();
        List<Integer> expected = new ArrayList<>();
        expected.add(201);
        for (int i = 1; i < CREATES; i++) {
            expected.add(409);
        }
        assertEquals(expected, statuses);
        String saved = answers.stream().filter(a -> a.statusCode() == 201).findFirst().orElseThrow().path("id");
        assertEquals(1, count("SELECT count(*) FROM content WHERE author_id = ?", author.id));
        assertEquals(1, count("SELECT count(*) FROM content_revisions r JOIN content c ON c.id = r.content_id"
                + " WHERE c.author_id = ?", author.id));
        assertEquals(List.of("content.created"), Outboxed.types(dataSource, saved));
        assertEquals(1, count("SELECT count(*) FROM outbox WHERE topic = 'content.events' AND payload LIKE ?",
                "%" + author.id + "%"));
    }

    private long count(String sql, String parameter) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, parameter);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
