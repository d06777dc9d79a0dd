package dev.threadguard.launcher;

import dev.threadguard.config.Env;
import dev.threadguard.moderation.ModerationConfig;
import dev.threadguard.moderation.evaluate.EvaluationException;
import dev.threadguard.moderation.evaluate.EvaluationReport;
import dev.threadguard.moderation.evaluate.Evaluator;
import dev.threadguard.moderation.judge.DetectorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Runs the production moderation topology over a dataset file, without servers.",
            "It writes one verdict per comment (JSONL, in input order); with --labels it prints precision, recall and "
                + "F1 per flag. Thresholds come from the same THRESHOLD_* variables as the service."})
final class EvaluateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--events", required = true, paramLabel = "FILE", description = "Article and comment events (JSONL).")
    Path events;

    @Option(names = "--labels", paramLabel = "FILE", description = "Labels (JSONL), to score the verdicts.")
    Path labels;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where the verdicts go (JSONL, overwritten).")
    Path out;

    @Option(names = "--baseline", paramLabel = "FILE",
            description = "Committed F1 figures (a properties file: FLAG=F1). With --labels, exit 1 when a flag's F1 "
                + "falls more than --tolerance below its figure: the quality gate CI runs.")
    Path baseline;

    @Option(names = "--tolerance", defaultValue = "0.02", paramLabel = "F1",
            description = "How far below the baseline a flag's F1 may fall (default ${DEFAULT-VALUE}).")
    double tolerance;

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
            if (baseline == null) {
                return 0;
            }
            if (!report.hasScores()) {
                spec.commandLine().getErr().println("threadguard evaluate: --baseline needs --labels");
                return 2;
            }
            List<String> regressions = QualityGate.regressions(report.scores(), QualityGate.read(baseline), tolerance);
            regressions.forEach(r -> spec.commandLine().getErr().println("quality gate: " + r));
            spec.commandLine().getOut().println(regressions.isEmpty()
                    ? "quality gate: every flag within " + tolerance + " of " + baseline : "quality gate FAILED");
            spec.commandLine().getOut().flush();
            return regressions.isEmpty() ? 0 : 1;
        } catch (EvaluationException e) {
            spec.commandLine().getErr().println("threadguard evaluate: " + e.getMessage());
            return 2;
        }
    }
}
