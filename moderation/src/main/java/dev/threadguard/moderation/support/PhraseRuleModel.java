package dev.threadguard.moderation.support;

import dev.threadguard.moderation.support.SupportAssessment.Cue;
import dev.threadguard.moderation.support.SupportAssessment.Evidence;
import dev.threadguard.moderation.text.TextNormalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A transparent support-request score: weighted phrase cues in a few groups (an explicit request, a first-person
 * problem, a device or software, and cues against: talking about the article, rhetorical questions), combined with
 * a logistic function. Within a group the strongest cue counts fully and further ones a share, so one long rant
 * does not outweigh a clear request. A request and an own problem together weigh more than the sum: asking
 * strangers for help with one's own problem is exactly what the flag means, and either alone is common in threads.
 */
public final class PhraseRuleModel implements SupportRequestModel {
    static final double BIAS = -4.6;
    static final double REQUEST_AND_PROBLEM = 1.6;
    static final double STRONG_REQUEST = 1.0;
    static final double FURTHER_CUE_SHARE = 0.35;
    static final double GROUP_CAP = 3.5;
    static final double QUESTION_MARK = 0.4;

    /** Things a reader owns that break; "my ___" with one of these is a first-person problem. */
    private static final String DEVICE = "computer|computers|pc|laptop|desktop|notebook|phone|smartphone|iphone|android"
            + "|tablet|ipad|mac|macbook|imac|printer|router|modem|wifi|internet|connection|network|screen|display|monitor"
            + "|keyboard|mouse|trackpad|gpu|cpu|processor|card|drive|hdd|ssd|usb|battery|charger|account|email|inbox"
            + "|password|browser|device|os|windows|machine|rig|build|motherboard|mobo|ram|memory|headphones|headset|speaker"
            + "|speakers|mic|microphone|camera|webcam|tv|console|xbox|playstation|ps4|ps5|controller|app|apps|icon|file"
            + "|files|photos|game|games|driver|drivers|bios|fan|fans|psu|software|system|calendar|settings|profile"
            + "|storage|sound|audio|wallet|cookies|emails|cable|port|ports|pc's|fps";

    /** Symptoms of a broken device or program. */
    private static final String SYMPTOM = "crash|crashes|crashed|crashing|freeze|freezes|freezing|froze|frozen|bsod"
            + "|lag|lags|laggy|lagging|overheat|overheats|overheating|bootloop|glitch|glitches|glitchy|glitching|corrupt"
            + "|corrupted|virus|malware|hijacked|hacked|stuttering|stutters|slowdown|randomly|bluescreen";

    private static final String TECH = "linux|ubuntu|android|ios|macos|driver|drivers|bios|uefi|gpu|cpu|ram|ssd|hdd|usb"
            + "|hdmi|wifi|router|modem|bluetooth|browser|chrome|firefox|safari|app|apps|software|laptop|pc|computer"
            + "|smartphone|printer|cookies|password|login|monitor|motherboard|firmware|reinstall|reinstalled|install"
            + "|installed|installing|update|updated|updating|settings|icon|windows";

    private record Rule(Cue cue, double weight, List<PhrasePattern> patterns, boolean needsQuestion) {
    }

    private record Candidate(Rule rule, PhrasePattern pattern) {
    }

    private final List<Rule> rules = List.of(
            // an explicit request for help
            rule(Cue.REQUEST, 2.6, "can|could|would|will someone|somebody|anyone|anybody [here|out] [there] [please] help|assist|advise|explain|tell|point|recommend"),
            rule(Cue.REQUEST, 2.4, "please|pls|plz help ; help please|pls|plz|needed ; help me"),
            rule(Cue.REQUEST, 2.2, "need [some|your|any] help|advice|assistance|suggestions ; looking for help|advice|suggestions"),
            rule(Cue.REQUEST, 2.2, "any idea|ideas|suggestions|suggestion|advice|help|tips|solution|solutions|fix|fixes|recommendations"),
            rule(Cue.REQUEST, 2.0, "id|would [greatly|really|much] appreciate any|some|your|the ; any|all help is|would [be] [greatly|much] appreciated"),
            rule(Cue.REQUEST, 2.0, "does|do|would|did anyone|anybody|someone|somebody [here|else] know ; anyone|anybody|someone|somebody know|knows how|why|what|if|whether|of|where ; does|do anyone|anybody have an|any idea"),
            rule(Cue.REQUEST, 1.9, "how [*] do|can|could|should|would|to i ; how do|can you|we|one fix|stop|remove|solve|repair|reset|recover|disable|change"),
            rule(Cue.REQUEST, 1.8, "how to fix|solve|stop|remove|repair|reset|recover|disable|uninstall|unlock|restore|change"),
            rule(Cue.REQUEST, 1.8, "what should|can|do|could i do|try ; what are my options ; where do i start|go"),
            rule(Cue.REQUEST, 1.6, "is|i|are there a|any|some [*] way|ways|fix|solution|solutions|setting ; is|i there anyway"),
            rule(Cue.REQUEST, 1.6, "why does|is|do|did|wont|cant|isnt|doesnt|would|are my ; whats|what wrong with my ; what is wrong with my ; whats|what causing ; what is causing"),
            rule(Cue.REQUEST, 1.5, "thanks|thank [you] in advance ; thanks|thank [you] for any|your|the help ; tia"),
            rule(Cue.REQUEST, 1.4, "has|have anyone|anybody|someone|somebody [else] had|seen|experienced|encountered|fixed|solved"),
            questionRule(Cue.REQUEST, 1.2, "should i ; is it worth|possible|normal|safe|okay|ok|bad ; will|would|does|do|can|could|is|should|are [*] [*] my"),
            rule(Cue.REQUEST, 1.2, "not sure why|how|what|if|whether ; no idea why|how|what ; cant figure out|why|how"),
            questionRule(Cue.REQUEST, 1.0, "can|could i"),
            // a first-person problem
            rule(Cue.OWN_PROBLEM, 1.6, "my [new|old|own] [*] " + DEVICE),
            rule(Cue.OWN_PROBLEM, 1.5, "wont|doesnt|cant|cannot|isnt|stopped|keeps|keep|kept|started|starts|not [to] work|working|start|starting|boot|booting|load|loading|connect|connecting|turn|turning|open|opening|respond|responding|charge|charging|crash|crashing|freez*|restart*|reboot*|shut*|show|showing|recogni*|detect*|sync*|install*|updat*"),
            rule(Cue.OWN_PROBLEM, 1.5, "my problem|issue|question is ; i|im|ive|id [am|have|had|keep] [been] [having|got|get|getting|facing|experiencing|encountering] [a|an|this|some|the|few|major|serious] [same|weird|strange] problem|problems|issue|issues|trouble|error|errors"),
            rule(Cue.OWN_PROBLEM, 1.3, SYMPTOM + " ; blue|black screen ; error message|code ; not|stopped working ; slow down ; running|very|really|so|super|extremely slow ; no sound|signal|internet|display ; locked out ; forgot|lost my password ; shuts|shut off|down ; boot loop ; keeps dropping"),
            rule(Cue.OWN_PROBLEM, 1.1, "when|whenever|time i click|open|start|try|turn|plug|launch|log|boot|run|play|connect|press|use|install|update"),
            rule(Cue.OWN_PROBLEM, 0.9, "i [just|recently|then|already|even] installed|updated|upgraded|bought|downloaded|reinstalled|formatted|restarted|rebooted|replaced|switched|plugged|unplugged|uninstalled|disabled|enabled|tested|built ; i [*] tried to|everything|restarting|reinstalling|updating"),
            rule(Cue.OWN_PROBLEM, 0.6, "i have|got|bought|own|built|use a|an|this|two|my ; my *"),
            // a device or software named without "my"
            rule(Cue.TECH, 0.7, TECH + " ; windows 10|11|7|8|xp|vista ; mac os ; graphics card"),
            // cues against a personal help request
            rule(Cue.ABOUT_ARTICLE, -1.2, "the|this|your article|author|story|piece|writer|reporter|editorial|column|columnist|headline|journalist"),
            rule(Cue.RHETORICAL, -1.4, "who cares|knows|needs ; why would anyone|anybody|someone|somebody ; are you kidding|serious|joking ; how dare ; what a joke|idiot|shame|disgrace ; how can anyone|people|they"));

    private final Map<String, List<Candidate>> byFirstWord = new HashMap<>();
    private final List<Candidate> anyStart = new ArrayList<>();

    public PhraseRuleModel() {
        for (Rule r : rules) {
            for (PhrasePattern p : r.patterns()) {
                Set<String> first = p.firstWords();
                if (first == null) {
                    anyStart.add(new Candidate(r, p));
                } else {
                    first.forEach(w -> byFirstWord.computeIfAbsent(w, k -> new ArrayList<>()).add(new Candidate(r, p)));
                }
            }
        }
    }

    private static Rule rule(Cue cue, double weight, String patterns) {
        return new Rule(cue, weight, Arrays.stream(patterns.split(";")).map(PhrasePattern::parse).toList(), false);
    }

    private static Rule questionRule(Cue cue, double weight, String patterns) {
        return new Rule(cue, weight, Arrays.stream(patterns.split(";")).map(PhrasePattern::parse).toList(), true);
    }

    @Override
    public SupportAssessment assess(String text) {
        if (text == null || text.isBlank()) {
            return new SupportAssessment(sigmoid(BIAS), List.of());
        }
        boolean question = text.indexOf('?') >= 0;
        String[] words = TextNormalizer.normalize(text).split(" ");
        Map<Rule, Evidence> found = new HashMap<>();
        for (int i = 0; i < words.length; i++) {
            List<Candidate> indexed = byFirstWord.get(words[i]);
            if (indexed != null) {
                tryAll(indexed, words, i, question, found);
            }
            tryAll(anyStart, words, i, question, found);
        }
        List<Evidence> evidence = new ArrayList<>(found.values());
        if (question) {
            evidence.add(new Evidence(Cue.REQUEST, "?", QUESTION_MARK));
        }
        double z = BIAS;
        for (Cue cue : Cue.values()) {
            z += groupScore(evidence, cue);
        }
        if (groupScore(evidence, Cue.REQUEST) >= STRONG_REQUEST && groupScore(evidence, Cue.OWN_PROBLEM) > 0) {
            z += REQUEST_AND_PROBLEM;
        }
        evidence.sort(Comparator.comparingDouble((Evidence e) -> -Math.abs(e.weight())).thenComparing(Evidence::phrase));
        return new SupportAssessment(sigmoid(z), evidence);
    }

    private static void tryAll(List<Candidate> candidates, String[] words, int start, boolean question, Map<Rule, Evidence> found) {
        for (Candidate c : candidates) {
            Rule r = c.rule();
            if (found.containsKey(r) || (r.needsQuestion() && !question)) {
                continue;
            }
            int end = c.pattern().matchAt(words, start);
            if (end > start) {
                found.put(r, new Evidence(r.cue(), String.join(" ", Arrays.asList(words).subList(start, end)), r.weight()));
            }
        }
    }

    /** The strongest cue of a group counts fully, each further one a share of its weight; capped per group. */
    private static double groupScore(List<Evidence> found, Cue cue) {
        double strongest = 0;
        double rest = 0;
        for (Evidence e : found) {
            if (e.cue() != cue) {
                continue;
            }
            if (Math.abs(e.weight()) > Math.abs(strongest)) {
                rest += strongest;
                strongest = e.weight();
            } else {
                rest += e.weight();
            }
        }
        double total = strongest + FURTHER_CUE_SHARE * rest;
        return Math.max(-GROUP_CAP, Math.min(GROUP_CAP, total));
    }

    static double sigmoid(double z) {
        return 1.0 / (1.0 + Math.exp(-z));
    }
}
