package dev.threadguard.launcher;

import dev.threadguard.moderation.semantic.Distillation;
import dev.threadguard.moderation.semantic.StaticEmbeddings;
import dev.threadguard.moderation.semantic.WordNetGlosses;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "distil", mixinStandardHelpOptions = true,
        description = {"Distils the shipped all-MiniLM-L6-v2 into the static token-embedding table (the Model2Vec "
            + "method: every vocabulary token through the model, PCA, frequency weighting, int8), then refits its rows "
            + "so that a text's mean of rows matches the model's vector of the text, on WordNet's glosses (--corpus).",
            "Deterministic: the same model gives the same bytes. --out writes the table; --verify rebuilds it and "
                + "exits 1 unless it equals the table this build ships (docs/static-embeddings.md)."})
final class DistilCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "FILE", description = "Where the table goes (overwritten).")
    Path out;

    @Option(names = "--verify", description = "Rebuild and compare with the shipped table, byte for byte.")
    boolean verify;

    @Option(names = "--dimensions", defaultValue = "" + Distillation.DEFAULT_DIMENSIONS, paramLabel = "D",
            description = "PCA components kept, 1..384 (default ${DEFAULT-VALUE}).")
    int dimensions;

    @Option(names = "--corpus", defaultValue = "/usr/share/wordnet", paramLabel = "DIR",
            description = "WordNet 3.0 database directory for the refit (default ${DEFAULT-VALUE}: Debian's wordnet-base).")
    Path corpus;

    @Option(names = "--no-refit", description = "Distil only: no corpus, the rows are the model's outputs per token.")
    boolean noRefit;

    @Option(names = "--threads", defaultValue = "2", paramLabel = "N",
            description = "Transformer runs in parallel for the refit, 1..64 (default ${DEFAULT-VALUE}); the bytes do not depend on it.")
    int threads;

    @Override
    public Integer call() throws IOException {
        if (out == null && !verify) {
            spec.commandLine().getErr().println("threadguard distil: give --out FILE, --verify, or both");
            return 2;
        }
        if (dimensions < 1 || dimensions > 384) {
            spec.commandLine().getErr().println("threadguard distil: --dimensions must be 1..384, not " + dimensions);
            return 2;
        }
        if (noRefit && spec.commandLine().getParseResult().hasMatchedOption("--corpus")) {
            spec.commandLine().getErr().println("threadguard distil: --corpus is for the refit; it makes no sense with --no-refit");
            return 2;
        }
        if (threads < 1 || threads > 64) {
            spec.commandLine().getErr().println("threadguard distil: --threads must be 1..64, not " + threads);
            return 2;
        }
        List<String> texts = null;
        if (!noRefit) {
            try {
                texts = WordNetGlosses.read(corpus);
            } catch (IOException e) {
                spec.commandLine().getErr().println("threadguard distil: " + e.getMessage() + "; or --no-refit");
                return 2;
            }
        }
        long start = System.nanoTime();
        java.util.function.Consumer<String> progress = line -> {
            spec.commandLine().getErr().println("distil: " + line);
            spec.commandLine().getErr().flush();
        };
        byte[] table = texts == null ? Distillation.distil(dimensions, progress)
                : Distillation.distil(dimensions, texts, threads, progress);
        var stdout = spec.commandLine().getOut();
        stdout.printf("table: %d bytes, SHA-256 %s, built in %d s%n", table.length, sha256(table),
                (System.nanoTime() - start) / 1_000_000_000);
        if (out != null) {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.write(out, table);
            stdout.println("written to " + out);
        }
        int status = 0;
        if (verify) {
            byte[] shipped;
            try (InputStream in = StaticEmbeddings.class.getResourceAsStream(StaticEmbeddings.RESOURCE)) {
                shipped = in == null ? new byte[0] : in.readAllBytes();
            }
            if (noRefit && shipped.length > 0) {
                shipped = Distillation.withoutRefit(shipped); // compare with the distilled part of the shipped table
            }
            boolean same = Arrays.equals(shipped, table);
            stdout.println(same ? "verify: the rebuild equals the shipped table"
                    : "verify: the rebuild DIFFERS from the shipped table (SHA-256 " + sha256(shipped) + ")");
            status = same ? 0 : 1;
        }
        stdout.flush();
        return status;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
