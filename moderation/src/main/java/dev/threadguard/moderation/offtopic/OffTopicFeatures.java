package dev.threadguard.moderation.offtopic;

/**
 * What the off-topic model reads about one comment (shares and similarities in [0, 1] or [-1, 1]).
 *
 * @param lexArticle  share of the comment's specific content found in the article ({@link LexicalOverlap})
 * @param lexParent   share found in the parent (0 without one)
 * @param lexThread   share found in the recent thread
 * @param mass        the comment's specific content (summed term specificity, about its number of specific terms)
 * @param contextMass how much the article, parent and thread say (summed term weight)
 * @param semArticle  cosine similarity with the article's vector (NaN without vectors)
 * @param semParent   with the parent's (NaN without parent or vectors)
 * @param semThread   with the recent thread's mean vector (NaN without thread or vectors)
 * @param semNearest  with the closest single thread comment (NaN without thread or vectors)
 * @param siblingsToArticle the thread comments' mean similarity with the article (NaN without thread or vectors)
 * @param semOtherArticle with the closest other article seen recently (NaN without one or without vectors)
 * @param reply       whether the comment answers another
 * @param support     the support-request score of the comment, in [0, 1]
 */
public record OffTopicFeatures(double lexArticle, double lexParent, double lexThread, double mass, double contextMass,
                               double semArticle, double semParent, double semThread, double semNearest,
                               double siblingsToArticle, double semOtherArticle, boolean reply, double support) {
    /** Relatedness at which a help request's off-topic weight has fallen to 1/e. */
    static final double SUPPORT_RELATEDNESS_SCALE = 0.25;

    /** Whether similarities of meaning were measured. */
    public boolean semantic() {
        return !Double.isNaN(semArticle) || !Double.isNaN(semThread);
    }

    /** Whether the comment was compared with another recent article (and with its own). */
    boolean comparedElsewhere() {
        return !Double.isNaN(semOtherArticle) && !Double.isNaN(semArticle);
    }

    /** The share of content related to the article or the parent. */
    double direct() {
        return Math.min(1.0, lexArticle + lexParent);
    }

    /** A help request's weight as off-topic: its support score, fading as it relates to the article or parent. */
    double helpElsewhere() {
        return support * Math.exp(-direct() / SUPPORT_RELATEDNESS_SCALE);
    }

    /** Relatedness (share of specific content in article, parent or thread) at which unrelatedness is 1/e. */
    static final double RELATEDNESS_SCALE = 0.1;
    /** Specific content at which the comment's certainty reaches 1 - 1/e; it grows with the square of it. */
    static final double COMMENT_EVIDENCE_SCALE = 3.0;
    /** Context content at which the context's certainty reaches 1 - 1/e. */
    static final double CONTEXT_EVIDENCE_SCALE = 12.0;

    /** The share of specific content found in the article, the parent or the thread, whichever is most. */
    double relatedness() {
        return Math.max(direct(), lexThread);
    }

    /**
     * How much the word evidence can say, in [0, 1]: a few words, or an article that is a bare title, say little
     * whatever they share.
     */
    double certainty() {
        return (1 - Math.exp(-Math.pow(mass / COMMENT_EVIDENCE_SCALE, 2))) * (1 - Math.exp(-contextMass / CONTEXT_EVIDENCE_SCALE));
    }

    /** The highest similarity of meaning with the article, the thread or (for a reply) the parent; 0 unmeasured. */
    double closest() {
        double best = Double.NEGATIVE_INFINITY;
        for (double s : new double[] {semArticle, semThread, reply ? semParent : Double.NaN}) {
            if (!Double.isNaN(s)) {
                best = Math.max(best, s);
            }
        }
        return best == Double.NEGATIVE_INFINITY ? 0 : best;
    }

    /**
     * How much closer the comment is to another recent article than to its own (negative: closer to its own); 0
     * unmeasured.
     */
    double closerElsewhere() {
        return comparedElsewhere() ? semOtherArticle - semArticle : 0;
    }

    /** The model's inputs, in {@link OffTopicModel#FEATURES} order. */
    double[] vector() {
        double certainty = certainty();
        double semA = Double.isNaN(semArticle) ? 0 : semArticle;
        return new double[] {
            Math.exp(-relatedness() / RELATEDNESS_SCALE) * certainty,
            certainty,
            closest(),
            support,
            helpElsewhere(),
            reply ? 1 : 0,
            Double.isNaN(semNearest) ? closest() : semNearest,
            Double.isNaN(siblingsToArticle) ? 0 : semA - siblingsToArticle,
            closerElsewhere()
        };
    }

    /** One CSV line of the inputs (for fitting the model's weights; see OffTopicModel). */
    public String csv() {
        StringBuilder out = new StringBuilder();
        for (double v : vector()) {
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(String.format(java.util.Locale.ROOT, "%.5f", v));
        }
        return out.toString();
    }
}
