package dev.threadguard.moderation;

import dev.threadguard.contract.Article;
import dev.threadguard.contract.Comment;
import dev.threadguard.moderation.duplicate.DuplicateFinding;
import dev.threadguard.moderation.state.BinaryReader;
import dev.threadguard.moderation.state.BinarySerde;
import dev.threadguard.moderation.state.BinaryWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The binary serdes of the moderation state stores (format version 1 for all of them): a comment costs its
 * texts plus about 10 bytes, where JSON spent about 110 on field names and quoting, and reading one is a
 * few allocations instead of Jackson's reflection and event validation (measured in StateSerdesTest). State
 * never leaves the application (changelog topics included), so no other reader depends on the layout; each
 * store names its version in the first byte so that a later layout can still read this one.
 */
final class StateSerdes {
    static final BinarySerde<Comment> COMMENT = new BinarySerde<>(1, 256, new BinarySerde.Codec<>() {
        @Override
        public void write(Comment c, BinaryWriter out) {
            writeComment(c, out);
        }

        @Override
        public Comment read(BinaryReader in, int version) {
            return readComment(in);
        }
    });

    static final BinarySerde<ThreadEntry> THREAD_ENTRY = new BinarySerde<>(1, 256, new BinarySerde.Codec<>() {
        @Override
        public void write(ThreadEntry e, BinaryWriter out) {
            out.writeVarLong(e.sequence()).writeSignedVarLong(e.timestamp());
            writeComment(e.comment(), out);
        }

        @Override
        public ThreadEntry read(BinaryReader in, int version) {
            return new ThreadEntry(in.readVarLong(), in.readSignedVarLong(), readComment(in));
        }
    });

    static final BinarySerde<ThreadMeta> THREAD_META = new BinarySerde<>(1, 24, new BinarySerde.Codec<>() {
        @Override
        public void write(ThreadMeta m, BinaryWriter out) {
            out.writeLong(m.generation()).writeVarLong(m.next()).writeSignedVarLong(m.lastActivityMs());
        }

        @Override
        public ThreadMeta read(BinaryReader in, int version) {
            return new ThreadMeta(in.readLong(), in.readVarLong(), in.readSignedVarLong());
        }
    });

    static final BinarySerde<HeldComment> HELD = new BinarySerde<>(1, 256, new BinarySerde.Codec<>() {
        @Override
        public void write(HeldComment h, BinaryWriter out) {
            out.writeSignedVarLong(h.timestamp()).writeSignedVarLong(h.heldAtMs());
            writeComment(h.comment(), out);
        }

        @Override
        public HeldComment read(BinaryReader in, int version) {
            long timestamp = in.readSignedVarLong();
            long heldAt = in.readSignedVarLong();
            return new HeldComment(readComment(in), timestamp, heldAt);
        }
    });

    static final BinarySerde<RecentComment> RECENT = new BinarySerde<>(1, 256, new BinarySerde.Codec<>() {
        @Override
        public void write(RecentComment r, BinaryWriter out) {
            out.writeVarLong(r.sequence()).writeString(r.commentId()).writeString(r.articleId())
                    .writeString(r.author()).writeString(r.title()).writeString(r.body())
                    .writeSignedVarLong(r.postedAtMs()).writeInstant(r.postedAt());
            DuplicateFinding f = r.finding();
            boolean none = f == null || (f.duplicateOf() == null && f.reason() == null && f.score() == 0.0);
            out.writeByte(none ? 0 : 1);
            if (!none) {
                out.writeDouble(f.score()).writeString(f.duplicateOf()).writeString(f.reason());
            }
        }

        @Override
        public RecentComment read(BinaryReader in, int version) {
            long sequence = in.readVarLong();
            String commentId = in.readString();
            String articleId = in.readString();
            String author = in.readString();
            String title = in.readString();
            String body = in.readString();
            long postedAtMs = in.readSignedVarLong();
            var postedAt = in.readInstant();
            DuplicateFinding finding = in.readByte() == 0 ? DuplicateFinding.NONE
                    : new DuplicateFinding(in.readDouble(), in.readString(), in.readString());
            return new RecentComment(sequence, commentId, articleId, author, title, body, postedAtMs, finding,
                    postedAt);
        }
    });

    static final BinarySerde<ScopeHistory> SCOPE_HISTORY = new BinarySerde<>(1, 32, new BinarySerde.Codec<>() {
        @Override
        public void write(ScopeHistory h, BinaryWriter out) {
            out.writeLong(h.generation()).writeVarLong(h.first()).writeVarLong(h.next())
                    .writeSignedVarLong(h.oldestMs());
        }

        @Override
        public ScopeHistory read(BinaryReader in, int version) {
            return new ScopeHistory(in.readLong(), in.readVarLong(), in.readVarLong(), in.readSignedVarLong());
        }
    });

    static final BinarySerde<CopyEntry> COPY_ENTRY = new BinarySerde<>(1, 192, new BinarySerde.Codec<>() {
        @Override
        public void write(CopyEntry e, BinaryWriter out) {
            out.writeString(e.commentId()).writeString(e.articleId()).writeString(e.author())
                    .writeSignedVarLong(e.postedAtMs()).writeBytes(e.signature());
        }

        @Override
        public CopyEntry read(BinaryReader in, int version) {
            return new CopyEntry(in.readString(), in.readString(), in.readString(), in.readSignedVarLong(),
                    in.readBytes());
        }
    });

    static final BinarySerde<Article> ARTICLE = new BinarySerde<>(1, 1024, new BinarySerde.Codec<>() {
        @Override
        public void write(Article a, BinaryWriter out) {
            out.writeString(a.articleId()).writeString(a.title()).writeString(a.body()).writeString(a.url())
                    .writeInstant(a.publishedAt()).writeString(a.site()).writeVarLong(a.tags().size());
            for (String tag : a.tags()) {
                out.writeString(tag);
            }
        }

        @Override
        public Article read(BinaryReader in, int version) {
            String articleId = in.readString();
            String title = in.readString();
            String body = in.readString();
            String url = in.readString();
            var publishedAt = in.readInstant();
            String site = in.readString();
            int n = (int) in.readVarLong();
            List<String> tags = new ArrayList<>(Math.min(n, 64));
            for (int i = 0; i < n; i++) {
                tags.add(in.readString());
            }
            return new Article(articleId, title, body, url, publishedAt, tags, site);
        }
    });

    private StateSerdes() {
    }

    static void writeComment(Comment c, BinaryWriter out) {
        out.writeString(c.commentId()).writeString(c.articleId()).writeString(c.parentId()).writeString(c.author())
                .writeString(c.title()).writeString(c.body()).writeInstant(c.postedAt()).writeString(c.site());
    }

    static Comment readComment(BinaryReader in) {
        return new Comment(in.readString(), in.readString(), in.readString(), in.readString(), in.readString(),
                in.readString(), in.readInstant(), in.readString());
    }
}
