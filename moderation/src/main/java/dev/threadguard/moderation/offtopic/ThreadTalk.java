package dev.threadguard.moderation.offtopic;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Comments about the conversation itself: pointing out a comment under the wrong story, calling something off
 * topic, asking to stay on the subject. They share nothing with the article's subject by nature, yet they belong
 * to the thread; the detector does not flag them. Thread-safe.
 */
final class ThreadTalk {
    private static final Pattern TALK = Pattern.compile(
            "\\bwrong (?:article|story|thread|post|page|section|forum|place)\\b"
                    + "|\\b(?:this|that|it|you|your comment|your post)\\b[^.!?]{0,30}\\b(?:belongs?|meant (?:for|to)|posted) (?:in|on|under|to) (?:another|a different|the other)\\b"
                    + "|\\boff[- ]?topic\\b|\\bstay on (?:topic|subject)\\b|\\bback on (?:topic|track)\\b"
                    + "|\\bnothing to do with (?:the|this) (?:article|story|topic|thread)\\b"
                    + "|\\b(?:art[ií]culo|hilo|tema) equivocado\\b|\\bhors[- ]sujet\\b|\\bfalsche[nr]? (?:artikel|thread)\\b|\\bfora do tema\\b");

    boolean about(String text) {
        return text != null && TALK.matcher(text.toLowerCase(Locale.ROOT).replace('\u2019', '\'')).find();
    }
}
