package com.mustbeviral.content;

import static com.mustbeviral.content.KeywordSearchTest.published;
import static com.mustbeviral.content.KeywordSearchTest.word;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mustbeviral.content.search.KeywordIndex;
import com.mustbeviral.content.search.KeywordIndexMerge;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The keyword index merged down to one segment once quiet, in steps, with the same answers after; never
 * while writes keep coming. Words and pieces are made as in {@link KeywordSearchTest}.
 */
@QuarkusTest
class KeywordIndexMergeTest {

    @Inject
    KeywordIndex index;

    @Inject
    KeywordIndexMerge merge;

    /**
     * Pieces that share a word of their own, each written in its own transactions (each a new segment), one
     * of them 2,000 words that no other piece has: an index of more pages than one merge step writes. FTS5
     * merges a level's segments as it goes, so more pieces follow until the index holds several.
     */
    private List<String> pieces(String w) throws Exception {
        Authors author = Authors.creator();
        String inBody = published(author, "Unrelated heading", "Some text that names " + w + " once among many other words.");
        String inTitle = published(author, "All about " + w, "A body long enough to pass the rules, with " + w + " and " + w + ".");
        StringBuilder many = new StringBuilder("Words of their own:");
        for (int i = 0; i < 2000; i++) {
            many.append(' ').append(word());
        }
        published(author, "A long list", many.append('.').toString());
        for (int i = 0; i < 20 && index.segments().size() < 2; i++) {
            published(author, "Another piece " + word(), "A body long enough to pass the rules, with a word of its own.");
        }
        assertTrue(index.segments().size() > 1, "the writes left several segments: " + index.segments());
        return List.of(inTitle, inBody);
    }

    @Test
    void aQuietIndexIsMergedToOneSegmentInStepsAndAnswersTheSame() throws Exception {
        String w = word();
        List<String> expected = pieces(w);

        merge.mergeIfQuiet(); // the first look only notes the segments
        int steps = merge.mergeIfQuiet();

        assertEquals(1, index.segments().size(), "merged down to one segment");
        assertTrue(steps > 1, "4 pages a step in tests: a merge of the whole index takes several, took " + steps);
        given().queryParam("q", w).queryParam("mode", "keyword").get("/api/content/search").then().statusCode(200)
                .body("data.content.id", contains(expected.toArray()))
                .body("data[1].snippet", containsString("<mark>" + w + "</mark>"));
        assertEquals(0, merge.mergeIfQuiet(), "one segment: nothing more to merge");
    }

    @Test
    void anIndexThatChangedSinceTheLastLookIsLeftAsItIs() throws Exception {
        merge.mergeIfQuiet();
        pieces(word());
        List<Long> before = index.segments();

        assertEquals(0, merge.mergeIfQuiet(), "the index changed since the last look");
        assertEquals(before, index.segments());
    }
}
