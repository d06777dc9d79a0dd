package dev.threadguard.launcher;

import dev.threadguard.config.Env;
import dev.threadguard.moderation.ModerationConfig;
import dev.threadguard.moderation.evaluate.EvaluationException;
import dev.threadguard.moderation.evaluate.EvaluationReport;
import dev.threadguard.moderation.evaluate.Evaluator;
import dev.threadguard.moderation.judge.DetectorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Runs the production moderation topology over a dataset file, without servers.",
            "Writes one verdict per comment (JSONL, input order); with --labels prints precision, recall and F1",
            "per flag. Thresholds come from the same THRESHOLD_* variables as the service."})
final class EvaluateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--events", required = true, paramLabel = "FILE", description = "Article and comment events (JSONL).")
    Path events;

    @Option(names = "--labels", paramLabel = "FILE", description = "Labels (JSONL), to score the verdicts.")
    Path labels;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where the verdicts go (JSONL, overwritten).")
    Path out;

    @Override
    public Integer call() {
        for (Path input : labels == null ? new Path[] {events} : new Path[] {events, labels}) {
            if (!Files.isReadable(input)) {
                spec.commandLine().getErr().println("threadguard evaluate: cannot read " + input);
                return 2;
            }
        }
        ModerationConfig config = ModerationConfig.forEvaluation().withDetectors(DetectorConfig.fromEnv(Env.system()));
        try {
            EvaluationReport report = new Evaluator(config).evaluate(events, labels, out);
            spec.commandLine().getOut().print(report.format());
            spec.commandLine().getOut().flush();
            return 0;
        } catch (EvaluationException e) {
            spec.commandLine().getErr().println("threadguard evaluate: " + e.getMessage());
            return 2;
        }
    }
}
