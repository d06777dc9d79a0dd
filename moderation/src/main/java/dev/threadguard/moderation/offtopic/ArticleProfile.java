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
        // A HashSet compares stored hashes before strings: most terms looked up are not in the article.
        vocabulary = java.util.Collections.unmodifiableSet(new java.util.HashSet<>(vocabulary));
    }
}
