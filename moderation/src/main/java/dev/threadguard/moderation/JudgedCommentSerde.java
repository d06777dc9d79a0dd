package dev.threadguard.moderation;

import dev.threadguard.contract.Flag;
import dev.threadguard.contract.JsonSerde;
import dev.threadguard.contract.Verdict;
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
 * layout of the state stores (format version 1: the comment, the verdict so far, the story), where JSON cost each
 * comment a Jackson write and read per topic (about a tenth of the stream thread with the input's parse, JFR).
 *
 * <p>Records written as JSON by an instance of an earlier version can still sit in these topics during a rolling
 * upgrade: a value that starts with {@code '{'} (never a format version byte) is read as JSON.
 */
final class JudgedCommentSerde implements Serde<JudgedComment> {
    private static final Flag[] FLAGS = Flag.values();

    static final BinarySerde<JudgedComment> BINARY = new BinarySerde<>(1, 512, new BinarySerde.Codec<>() {
        @Override
        public void write(JudgedComment j, BinaryWriter out) {
            StateSerdes.writeComment(j.comment(), out);
            out.writeString(j.story());
            Verdict v = j.verdict();
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

        @Override
        public JudgedComment read(BinaryReader in, int version) {
            var comment = StateSerdes.readComment(in);
            String story = in.readString();
            if (in.readByte() == 0) {
                return new JudgedComment(comment, null, story);
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
            Verdict verdict = new Verdict(commentId, articleId, flags, duplicateOf, scores, reasons, in.readString(),
                    in.readInstant());
            return new JudgedComment(comment, verdict, story);
        }
    });

    private final Serde<JudgedComment> json = JsonSerde.of(JudgedComment.class);

    @Override
    public Serializer<JudgedComment> serializer() {
        return (topic, value) -> BINARY.write(value);
    }

    @Override
    public Deserializer<JudgedComment> deserializer() {
        Deserializer<JudgedComment> fromJson = json.deserializer();
        return (topic, bytes) -> bytes != null && bytes.length > 0 && bytes[0] == '{'
                ? fromJson.deserialize(topic, bytes)
                : BINARY.read(bytes);
    }
}
