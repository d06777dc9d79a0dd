package dev.threadguard.moderation;

import dev.threadguard.contract.Flag;
import dev.threadguard.contract.JsonSerde;
import dev.threadguard.contract.Verdict;
import dev.threadguard.moderation.judge.SecondOpinion;
import dev.threadguard.moderation.state.BinaryReader;
import dev.threadguard.moderation.state.BinarySerde;
import dev.threadguard.moderation.state.BinaryWriter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The value format of the cross-thread checks' repartition topics: a {@link JudgedComment} in the compact binary
 * layout of the state stores (format version 2: the comment, the verdict so far, then the pending second opinion's
 * context, if any: article, parent, recent thread, cue score; version 1 ended with the verdict), where JSON cost each
 * comment a Jackson write and read per topic (about a tenth of the stream thread with the input's parse, JFR).
 *
 * <p>Records written as JSON by an instance of an earlier version can still sit in these topics during a rolling
 * upgrade: a value that starts with {@code '{'} (never a format version byte) is read as JSON.
 * Used by every repartition after the thread stage (by author, by copy anchor, second opinion).
 */
final class JudgedCommentSerde implements Serde<JudgedComment> {
    private static final Flag[] FLAGS = Flag.values();

    /** Format 2's codec, whose reader reads format 1 too. */
    private static final Codec2 CODEC = new Codec2();

    /**
     * Writes (and reads) format 2; reads format 1 too. A record with no second opinion pending is written in format 1
     * ({@link #V1}), which instances of 2026.11-10 and before still read during a rolling upgrade.
     */
    static final BinarySerde<JudgedComment> BINARY = new BinarySerde<>(2, 512, CODEC);

    private static final class Codec2 implements BinarySerde.Codec<JudgedComment> {
        @Override
        public void write(JudgedComment j, BinaryWriter out) {
            StateSerdes.writeComment(j.comment(), out);
            writeVerdict(j.verdict(), out);
            SecondOpinion pending = j.secondOpinion();
            out.writeByte(pending == null ? 0 : 1);
            if (pending != null) {
                out.writeBytes(StateSerdes.ARTICLE.write(pending.article()));
                out.writeByte(pending.parent() == null ? 0 : 1);
                if (pending.parent() != null) {
                    StateSerdes.writeComment(pending.parent(), out);
                }
                out.writeVarLong(pending.recent().size());
                pending.recent().forEach(c -> StateSerdes.writeComment(c, out));
                out.writeDouble(pending.cueScore());
            }
        }

        @Override
        public JudgedComment read(BinaryReader in, int version) {
            var comment = StateSerdes.readComment(in);
            Verdict verdict = readVerdict(in);
            // Version 1 (before the second opinion) ends with the verdict.
            if (version < 2 || in.readByte() == 0) {
                return new JudgedComment(comment, verdict);
            }
            var article = StateSerdes.ARTICLE.read(in.readBytes());
            var parent = in.readByte() == 0 ? null : StateSerdes.readComment(in);
            int count = (int) in.readVarLong();
            List<dev.threadguard.contract.Comment> recent = new ArrayList<>(Math.min(count, 64));
            for (int i = 0; i < count; i++) {
                recent.add(StateSerdes.readComment(in));
            }
            return new JudgedComment(comment, verdict, new SecondOpinion(article, parent, recent, in.readDouble()));
        }
    }

    /** Format 1: the comment and the verdict, nothing pending. */
    static final BinarySerde<JudgedComment> V1 = new BinarySerde<>(1, 512, new BinarySerde.Codec<>() {
        @Override
        public void write(JudgedComment j, BinaryWriter out) {
            if (j.secondOpinion() != null) {
                throw new IllegalArgumentException("format 1 cannot carry a second opinion");
            }
            StateSerdes.writeComment(j.comment(), out);
            writeVerdict(j.verdict(), out);
        }

        @Override
        public JudgedComment read(BinaryReader in, int version) {
            return CODEC.read(in, version);
        }
    });

    private static void writeVerdict(Verdict v, BinaryWriter out) {
        out.writeByte(v == null ? 0 : 1);
        if (v == null) {
            return;
        }
        out.writeString(v.commentId()).writeString(v.articleId());
        long flags = 0;
        for (Flag f : v.flags()) {
            flags |= 1L << f.ordinal();
        }
        out.writeVarLong(flags).writeString(v.duplicateOf()).writeVarLong(v.scores().size());
        v.scores().forEach((name, score) -> out.writeString(name).writeDouble(score));
        out.writeVarLong(v.reasons().size());
        v.reasons().forEach(out::writeString);
        out.writeString(v.detectorVersion()).writeInstant(v.judgedAt());
    }

    private static Verdict readVerdict(BinaryReader in) {
        if (in.readByte() == 0) {
            return null;
        }
        String commentId = in.readString();
        String articleId = in.readString();
        long bits = in.readVarLong();
        EnumSet<Flag> flags = EnumSet.noneOf(Flag.class);
        for (Flag f : FLAGS) {
            if ((bits & (1L << f.ordinal())) != 0) {
                flags.add(f);
            }
        }
        String duplicateOf = in.readString();
        int scoreCount = (int) in.readVarLong();
        Map<String, Double> scores = new LinkedHashMap<>();
        for (int i = 0; i < scoreCount; i++) {
            scores.put(in.readString(), in.readDouble());
        }
        int reasonCount = (int) in.readVarLong();
        List<String> reasons = new ArrayList<>(Math.min(reasonCount, 16));
        for (int i = 0; i < reasonCount; i++) {
            reasons.add(in.readString());
        }
        return new Verdict(commentId, articleId, flags, duplicateOf, scores, reasons, in.readString(),
                in.readInstant());
    }

    private final Serde<JudgedComment> json = JsonSerde.of(JudgedComment.class);

    @Override
    public Serializer<JudgedComment> serializer() {
        return (topic, value) -> value == null || value.secondOpinion() == null ? V1.write(value) : BINARY.write(value);
    }

    @Override
    public Deserializer<JudgedComment> deserializer() {
        Deserializer<JudgedComment> fromJson = json.deserializer();
        return (topic, bytes) -> bytes != null && bytes.length > 0 && bytes[0] == '{'
                ? fromJson.deserialize(topic, bytes)
                : BINARY.read(bytes);
    }
}
