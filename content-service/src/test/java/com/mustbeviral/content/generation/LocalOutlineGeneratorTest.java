package com.mustbeviral.content.generation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mustbeviral.content.generation.GenerationRequest.Kind;
import com.mustbeviral.content.generation.GenerationRequest.Length;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalOutlineGeneratorTest {

    private final LocalOutlineGenerator generator = new LocalOutlineGenerator(Clock.systemUTC());

    @Test
    void anOutlineSaysWhatItIsAndNeverPassesForAModel() {
        GeneratedText outline = generator.generate(new GenerationRequest(
                "why small creators should post less often. And more.", Kind.BLOG_POST, "friendly", Length.MEDIUM, "en"));

        assertEquals("local-outline", outline.provider());
        assertEquals("none", outline.model());
        assertFalse(outline.writtenByModel());
        assertEquals(0, outline.promptTokens());
        assertEquals(0, outline.completionTokens());
        assertTrue(outline.text().startsWith("> Outline generated without a language model"), outline.text());
        assertTrue(outline.text().contains("# Why small creators should post less often\n"), outline.text());
        assertTrue(outline.text().contains("tone: friendly"), outline.text());
    }

    @Test
    void theSectionsFollowTheTypeAndTheLength() {
        assertEquals(List.of("Introduction", "Key point 1", "Conclusion"),
                headings(Kind.BLOG_POST, Length.SHORT));
        assertEquals(List.of("Introduction", "Background", "Key point 1", "Key point 2", "Key point 3", "Conclusion"),
                headings(Kind.BLOG_POST, Length.MEDIUM));
        assertEquals(7, headings(Kind.SOCIAL_POST, Length.LONG).size());
        assertEquals(List.of("Opening (0:00)", "Segment 1", "Closing"), headings(Kind.VIDEO_SCRIPT, Length.SHORT));
    }

    @Test
    void aSocialPostGetsHashtagsFromThePrompt() {
        GeneratedText outline = generator.generate(new GenerationRequest("Launching my ceramics studio in Lisbon",
                Kind.SOCIAL_POST, null, Length.SHORT, null));

        assertTrue(outline.text().contains("Hashtags: #launching #ceramics #studio\n"), outline.text());
        assertTrue(outline.text().contains("tone: neutral, language: en"), outline.text());
    }

    @Test
    void aLongFirstSentenceIsCutAtAWord() {
        String title = LocalOutlineGenerator.title("a ".repeat(30) + "considerably longer closing words here");

        assertTrue(title.length() <= 81, title);
        assertTrue(title.endsWith("…"), title);
        assertTrue(title.startsWith("A a a"), title);
    }

    @Test
    void theStreamIsTheSameOutlineLineByLineThenTheWhole() {
        GenerationRequest request = new GenerationRequest("Morning routines", Kind.VIDEO_SCRIPT, "calm", Length.LONG, "en");

        List<GenerationEvent> events = generator.stream(request).collect().asList().await().indefinitely();

        GenerationEvent last = events.get(events.size() - 1);
        GeneratedText result = assertInstanceOf(GenerationEvent.Completed.class, last).result();
        String joined = events.subList(0, events.size() - 1).stream()
                .map(event -> assertInstanceOf(GenerationEvent.Token.class, event).text()).reduce("", String::concat);
        assertEquals(result.text(), joined);
        assertEquals(generator.generate(request).text(), result.text());
    }

    private List<String> headings(Kind kind, Length length) {
        return generator.generate(new GenerationRequest("Topic", kind, "neutral", length, "en")).text().lines()
                .filter(line -> line.startsWith("## ")).map(line -> line.substring(3)).toList();
    }
}
