package dev.threadguard.moderation.offtopic;

import dev.threadguard.moderation.language.WritingSystem;
import java.util.Set;

/**
 * The content terms of an article (title, body and tags together), and what it is written in.
 *
 * @param vocabulary distinct content terms
 * @param substance  how much the article says: the summed weight of its distinct terms (a title alone says little)
 * @param text       title, body and tags as one text (for the language, when it must be told)
 * @param system     the writing system of {@code text}
 * @param language   its language (ISO 639-1), or null when it cannot be told
 */
record ArticleProfile(Set<String> vocabulary, double substance, String text, WritingSystem system, String language) {
    ArticleProfile {
        // A HashSet compares stored hashes before strings: most terms looked up are not in the article.
        vocabulary = java.util.Collections.unmodifiableSet(new java.util.HashSet<>(vocabulary));
    }
}
