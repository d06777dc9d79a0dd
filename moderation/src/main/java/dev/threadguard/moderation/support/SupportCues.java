package dev.threadguard.moderation.support;

import dev.threadguard.moderation.support.SupportAssessment.Cue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Named phrase cues: the hand-written part of the support-request features. Each cue is a family of phrase patterns
 * ({@link PhrasePattern}) that means the same thing ("can anyone help", "could somebody advise" are one cue); the
 * model learns from data how much each cue weighs. Cues generalise beyond the words of the training examples: a
 * device the examples never name still counts as "my ___ device" when it is in the device list.
 */
final class SupportCues {
    /** Things a reader owns that break; "my ___" with one of these is a first-person problem. */
    static final String DEVICE = "computer|computers|pc|laptop|desktop|notebook|phone|smartphone|iphone|android"
            + "|tablet|ipad|mac|macbook|imac|chromebook|printer|scanner|router|modem|wifi|internet|connection|network"
            + "|screen|display|monitor|keyboard|mouse|trackpad|touchpad|gpu|cpu|processor|card|drive|hdd|ssd|usb|battery"
            + "|charger|account|email|inbox|password|browser|device|os|windows|machine|rig|build|motherboard|mobo|ram"
            + "|memory|headphones|earbuds|headset|speaker|speakers|mic|microphone|camera|webcam|tv|console|xbox"
            + "|playstation|ps4|ps5|switch|controller|app|apps|icon|icons|file|files|photos|game|games|driver|drivers"
            + "|bios|fan|fans|psu|software|system|calendar|settings|profile|storage|sound|audio|cookies|emails|cable"
            + "|port|ports|fps|smartwatch|watch|kindle|desktop|sim|disk|partition|backup|antivirus|firewall|vpn|server"
            + "|cooler|case|install|installation|update|upgrade|graphics|sd|hotspot|bluetooth|login|pin|thermostat|doorbell"
            + "|projector|reader|dashcam|drone|nas";

    /** Symptoms of a broken device or program. */
    static final String SYMPTOM = "crash|crashes|crashed|crashing|freeze|freezes|freezing|froze|frozen|bsod|bsods"
            + "|lag|lags|laggy|lagging|overheat|overheats|overheating|bootloop|glitch|glitches|glitchy|glitching|corrupt"
            + "|corrupted|virus|malware|trojan|hijacked|hacked|stuttering|stutters|stutter|slowdown|randomly|bluescreen"
            + "|flickers|flickering|disconnects|disconnecting|disconnected|offline|unresponsive|bricked|beeps|beeping";

    static final String TECH = "linux|ubuntu|android|ios|macos|driver|drivers|bios|uefi|gpu|cpu|ram|ssd|hdd|usb"
            + "|hdmi|displayport|wifi|router|modem|bluetooth|browser|chrome|firefox|safari|app|apps|software|laptop|pc"
            + "|computer|smartphone|printer|cookies|password|login|monitor|motherboard|firmware|reinstall|reinstalled"
            + "|install|installed|installing|update|updated|updating|settings|icon|windows|steam|gb|tb|mhz|ghz|hz"
            + "|ethernet|vpn|dns|ip|nvidia|amd|intel|ryzen|psu|overclock|overclocked|fps|desktop|iphone|ipad|macbook"
            + "|laptop's|pc's|usb-c|sd|ssd's|mobo|cooler|fans|partition|boot|booting|reboot|format|formatted";

    record Definition(String name, Cue cue, List<PhrasePattern> patterns, boolean needsQuestion) {
    }

    /** A cue found in a text: which one, and the words that matched. */
    record Match(Definition definition, String phrase) {
    }

    static final List<Definition> DEFINITIONS = List.of(
            def("someone-help", Cue.REQUEST, "can|could|would|will someone|somebody|anyone|anybody|you [here|out] [there] [guys] [please] help|assist|advise|explain|tell|point|recommend|let"),
            def("please-help", Cue.REQUEST, "please|pls|plz help ; help please|pls|plz|needed ; help me ; need help ; help"),
            def("need-advice", Cue.REQUEST, "need|want [some|your|any] help|advice|assistance|suggestions ; looking for help|advice|suggestions"),
            def("any-ideas", Cue.REQUEST, "any idea|ideas|suggestions|suggestion|advice|help|tips|solution|solutions|fix|fixes|recommendations|thoughts"),
            def("appreciate-help", Cue.REQUEST, "id|would|i [greatly|really|much|super] appreciate any|some|your|the ; any|all help is|would [be] [greatly|much] appreciated"),
            def("anyone-know", Cue.REQUEST, "does|do|would|did anyone|anybody|someone|somebody [here|else] know ; anyone|anybody|someone|somebody know|knows how|why|what|if|whether|of|where ; does|do anyone|anybody have an|any idea"),
            def("how-do-i", Cue.REQUEST, "how [*] do|can|could|should|would|to i ; how do|can you|we|one fix|stop|remove|solve|repair|reset|recover|disable|change|get"),
            def("how-to-fix", Cue.REQUEST, "how to fix|solve|stop|remove|repair|reset|recover|disable|uninstall|unlock|restore|change|get"),
            def("what-should-i", Cue.REQUEST, "what should|can|do|could|would i do|try|get|check|buy ; what are my options ; where do i start|go ; what now ; what do i do"),
            def("is-there-a-way", Cue.REQUEST, "is|i|are there a|any|some [*] way|ways|fix|solution|solutions|setting ; is|i there anyway"),
            def("why-does-my", Cue.REQUEST, "why does|is|do|did|wont|cant|isnt|doesnt|would|are my ; whats|what wrong with my ; what is wrong with my ; whats|what causing ; what is causing ; what could cause|be"),
            def("thanks-in-advance", Cue.REQUEST, "thanks|thank [you] in advance ; thanks|thank [you] for any|your|the help ; tia"),
            def("anyone-had", Cue.REQUEST, "has|have anyone|anybody|someone|somebody [else] had|seen|experienced|encountered|fixed|solved|managed|found"),
            questionDef("should-i", Cue.REQUEST, "should i ; is it worth|possible|normal|safe|okay|ok|bad|dangerous ; will|would|does|do|can|could|is|should|are [*] [*] my"),
            def("not-sure-why", Cue.REQUEST, "not sure why|how|what|if|whether ; no idea why|how|what ; cant figure out|why|how ; im stuck"),
            questionDef("can-i", Cue.REQUEST, "can|could i ; am i able"),
            def("my-device", Cue.OWN_DEVICE, "my [new|old|own|brand] [new] [*] " + DEVICE),
            def("not-working", Cue.OWN_PROBLEM, "wont|doesnt|cant|cannot|isnt|stopped|keeps|keep|kept|started|starts|not [to] work|working|start|starting|boot|booting|load|loading|connect|connecting|turn|turning|open|opening|respond|responding|charge|charging|crash|crashing|freez*|restart*|reboot*|shut*|show|showing|recogni*|detect*|sync*|install*|updat*|read|launch*|pair*"),
            def("having-problem", Cue.OWN_PROBLEM, "my problem|issue|question is ; i|im|ive|id [am|have|had|keep] [been] [having|got|get|getting|facing|experiencing|encountering] [a|an|this|some|the|few|major|serious] [same|weird|strange] problem|problems|issue|issues|trouble|error|errors"),
            def("symptom", Cue.SYMPTOM, SYMPTOM + " ; blue|black screen ; error message|code ; not|stopped working ; slow down ; running|very|really|so|super|extremely slow ; no sound|signal|internet|display ; locked out ; forgot|lost my password ; shuts|shut off|down ; boot loop ; keeps dropping ; dead pixel ; no bootable"),
            def("when-i-do", Cue.OWN_PROBLEM, "when|whenever|time i click|open|start|try|turn|plug|launch|log|boot|run|play|connect|press|use|install|update"),
            def("i-did", Cue.OWN_PROBLEM, "i [just|recently|then|already|even|accidentally] installed|updated|upgraded|bought|downloaded|reinstalled|formatted|restarted|rebooted|replaced|switched|plugged|unplugged|uninstalled|disabled|enabled|tested|built|deleted|changed|clicked|spilled|dropped|lost|forgot ; i [*] tried to|everything|restarting|reinstalling|updating|resetting"),
            def("tech", Cue.TECH, TECH + " ; windows 10|11|7|8|xp|vista ; mac os ; graphics card ; device manager ; task manager ; factory reset"),
            def("about-article", Cue.ABOUT_ARTICLE, "the|this|your article|author|story|piece|writer|reporter|editorial|column|columnist|headline|journalist|video|song"),
            def("rhetorical", Cue.RHETORICAL, "who cares|knows|needs ; why would anyone|anybody|someone|somebody ; are you kidding|serious|joking ; how dare ; what a joke|idiot|shame|disgrace ; how can anyone|people|they"),
            def("advice-to-others", Cue.ADVICE, "you should|need|could|can|must|might try|check|update|buy|get|call|go|use|reinstall|restart ; try restarting|reinstalling|updating|the|a|to ; did you try ; i had the same ; same here ; that fixed|solved it ; fixed it for me ; worked for me ; works fine|well|great|perfectly [for] [me]"),
            def("question-back", Cue.ADVICE, "whats|what not working ; what is not working ; did|have|do|are|were you ; is|are|was your ; what do you mean ; which * do|did|are you ; for you"));

    private static Definition def(String name, Cue cue, String patterns) {
        return new Definition(name, cue, Arrays.stream(patterns.split(";")).map(PhrasePattern::parse).toList(), false);
    }

    private static Definition questionDef(String name, Cue cue, String patterns) {
        return new Definition(name, cue, Arrays.stream(patterns.split(";")).map(PhrasePattern::parse).toList(), true);
    }

    /** A pattern with the position of its cue in {@link #DEFINITIONS}. */
    private record Candidate(int index, Definition definition, PhrasePattern pattern) {
    }

    private final Map<String, List<Candidate>> byFirstWord = new HashMap<>();
    private final List<Candidate> anyStart = new ArrayList<>();

    SupportCues() {
        for (int i = 0; i < DEFINITIONS.size(); i++) {
            Definition d = DEFINITIONS.get(i);
            for (PhrasePattern p : d.patterns()) {
                Candidate c = new Candidate(i, d, p);
                Set<String> first = p.firstWords();
                if (first == null) {
                    anyStart.add(c);
                } else {
                    first.forEach(w -> byFirstWord.computeIfAbsent(w, k -> new ArrayList<>()).add(c));
                }
            }
        }
    }

    /** The first match of each cue in the words (normalized, see {@link dev.threadguard.moderation.text.TextNormalizer}). */
    List<Match> find(String[] words, boolean question) {
        // By position in DEFINITIONS: hashing a definition (a record holding its patterns) cost more than matching.
        Match[] found = new Match[DEFINITIONS.size()];
        int count = 0;
        for (int i = 0; i < words.length; i++) {
            List<Candidate> indexed = byFirstWord.get(words[i]);
            if (indexed != null) {
                count += tryAll(indexed, words, i, question, found);
            }
            count += tryAll(anyStart, words, i, question, found);
        }
        List<Match> out = new ArrayList<>(count);
        for (Match m : found) {
            if (m != null) {
                out.add(m);
            }
        }
        return out;
    }

    /** Records the first match of each candidate's cue not found yet; returns how many cues it found. */
    private static int tryAll(List<Candidate> candidates, String[] words, int start, boolean question, Match[] found) {
        int added = 0;
        for (Candidate c : candidates) {
            Definition d = c.definition();
            if (found[c.index()] != null || (d.needsQuestion() && !question)) {
                continue;
            }
            int end = c.pattern().matchAt(words, start);
            if (end > start) {
                found[c.index()] = new Match(d, String.join(" ", Arrays.asList(words).subList(start, end)));
                added++;
            }
        }
        return added;
    }
}
