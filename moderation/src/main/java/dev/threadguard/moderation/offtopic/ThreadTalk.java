package dev.threadguard.moderation.offtopic;

import java.util.List;
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

    /**
     * A literal that every alternative of {@link #TALK} contains: a text with none of them cannot match, and most
     * texts have none. The regular expression, tried at every position of the text (each alternative starts with a
     * word boundary), was a sixth of the off-topic check (JFR); {@code String.contains} is a vectorised scan.
     * {@code ThreadTalkTest} holds the two ways equal.
     */
    static final List<String> ANCHORS = List.of("wrong ", "belong", "meant ", "posted ", "off", "stay on ", "back on ",
            "nothing to do with ", "equivocado", "hors", "falsche", "fora do tema");

    boolean about(String text) {
        return about(text, true);
    }

    /** @param screen check {@link #ANCHORS} first (the default); false runs the expression on every text */
    boolean about(String text, boolean screen) {
        if (text == null) {
            return false;
        }
        String t = text.toLowerCase(Locale.ROOT).replace('\u2019', '\'');
        return (!screen || anyAnchor(t)) && TALK.matcher(t).find();
    }

    private static boolean anyAnchor(String t) {
        for (String anchor : ANCHORS) {
            if (t.contains(anchor)) {
                return true;
            }
        }
        return false;
    }
}
