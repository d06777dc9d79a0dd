package dev.threadguard.moderation.offtopic;

import java.util.Set;

/**
 * The content terms of an article (title, body and tags together).
 *
 * @param vocabulary distinct content terms
 * @param substance  how much the article says: the summed weight of its distinct terms (a title alone says little)
 */
record ArticleProfile(Set<String> vocabulary, double substance) {
    ArticleProfile {
        vocabulary = Set.copyOf(vocabulary);
    }
}
