package dev.threadguard.moderation.offtopic;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Comments about the conversation itself: pointing out a comment under the wrong story, calling something off
 * topic, asking to stay on the subject. They share nothing with the article's subject by nature, yet they belong
 * to the thread; the detector does not flag them. Thread-safe.
 */
final class ThreadTalk {
    /**
     * Every alternative starts where one of {@link #ANCHORS} starts; what must stand before that point ("this … belongs
     * in another", "artículo equivocado") is a look-behind, so a match can be tried at the anchors alone.
     */
    private static final Pattern TALK = Pattern.compile(
            "\\bwrong (?:article|story|thread|post|page|section|forum|place)\\b"
                    + "|\\b(?=(?:belongs?|meant (?:for|to)|posted) (?:in|on|under|to) (?:another|a different|the other)\\b)"
                    + "(?<=\\b(?:this|that|it|you|your comment|your post)\\b[^.!?]{0,30})"
                    + "(?:belongs?|meant (?:for|to)|posted) (?:in|on|under|to) (?:another|a different|the other)\\b"
                    + "|\\boff[- ]?topic\\b|\\bstay on (?:topic|subject)\\b|\\bback on (?:topic|track)\\b"
                    + "|\\bnothing to do with (?:the|this) (?:article|story|topic|thread)\\b"
                    + "|(?<=\\b(?:art[ií]culo|hilo|tema) )equivocado\\b|\\bhors[- ]sujet\\b"
                    + "|\\bfalsche[nr]? (?:artikel|thread)\\b|\\bfora do tema\\b");

    /**
     * The literals where a match can start: each alternative of {@link #TALK} starts with one of them. Tried only
     * where one occurs instead of at every position of the text: the expression at every position was a sixth of
     * the off-topic check (JFR), and its "this … posted" alternative backtracks over 30 characters at every "it" and
     * "you". {@code ThreadTalkTest} holds the two ways equal.
     */
    static final List<String> ANCHORS = List.of("wrong ", "belong", "meant ", "posted ", "off-topic", "off topic",
            "offtopic", "stay on ", "back on ", "nothing to do with ", "equivocado", "hors-sujet", "hors sujet", "falsche",
            "fora do tema");

    boolean about(String text) {
        return about(text, true);
    }

    /** @param screen try the expression at the {@link #ANCHORS} only (the default); false tries it at every position */
    boolean about(String text, boolean screen) {
        if (text == null) {
            return false;
        }
        String t = text.toLowerCase(Locale.ROOT).replace('\u2019', '\'');
        if (!screen) {
            return TALK.matcher(t).find();
        }
        Matcher m = null;
        for (String anchor : ANCHORS) {
            for (int at = t.indexOf(anchor); at >= 0; at = t.indexOf(anchor, at + 1)) {
                // Transparent bounds: the word boundaries and look-behinds see the text before the anchor.
                m = m == null ? TALK.matcher(t).useTransparentBounds(true) : m;
                if (m.region(at, t.length()).lookingAt()) {
                    return true;
                }
            }
        }
        return false;
    }
}
