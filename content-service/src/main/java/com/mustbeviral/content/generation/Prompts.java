package com.mustbeviral.content.generation;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import java.util.List;

/** The messages a chat model gets for a request: the brief in a system message, the creator's prompt as is. */
final class Prompts {

    private Prompts() {
    }

    static List<ChatMessage> of(GenerationRequest request) {
        String form = switch (request.type()) {
            case BLOG_POST -> "a blog post with a title line, an introduction, sections with headings and a conclusion";
            case SOCIAL_POST -> "a social media post: a hook, a short body and a call to action, with at most three hashtags";
            case VIDEO_SCRIPT -> "a video script with a title line, scenes or segments, what is said and what is shown";
        };
        String brief = """
                You write content for a creator. Write %s of about %d words, in a %s tone, in the language \
                with code "%s". Answer with the content only, in plain text or Markdown, no preamble. Do not \
                invent facts, quotes or statistics about real people or organisations.""".formatted(form,
                request.length().words(), request.tone(), request.language());
        return List.of(SystemMessage.from(brief), UserMessage.from(request.prompt()));
    }
}
