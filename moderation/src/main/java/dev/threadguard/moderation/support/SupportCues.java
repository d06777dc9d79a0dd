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
    /** Words of computing; unlike a device of one's own, only a hint (the article may be about technology). */
    static final String TECH = "linux|ubuntu|android|ios|macos|driver|drivers|bios|uefi|gpu|cpu|ram|vram|ssd|hdd|usb"
            + "|hdmi|displayport|wifi|router|modem|bluetooth|browser|chrome|firefox|safari|edge|app|apps|software|laptop|pc"
            + "|computer|smartphone|printer|cookies|password|login|monitor|motherboard|firmware|reinstall|reinstalled"
            + "|icon|windows|steam|gb|tb|mb|mbps|mhz|ghz|hz|ethernet|vpn|dns|ip|isp|nvidia|amd|intel|ryzen|psu"
            + "|overclock|overclocked|fps|desktop|iphone|ipad|macbook|usb-c|sd|mobo|cooler|partition|reboot|rebooted"
            + "|wlan|handy|ordenador|ordinateur|impresora|imprimante|drucker|impressora|celular|movil|portatil|notebook"
            + "|samsung|pixel|huawei|xiaomi|oneplus|motorola|dell|hp|lenovo|asus|acer|msi|toshiba|logitech|corsair"
            + "|razer|gigabyte|asrock|geforce|radeon|rtx|gtx|nvme|sata|m2|gmail|hotmail|outlook|icloud|onedrive"
            + "|dropbox|excel|powershell|cmd|terminal|dongle|adapter|touchscreen|trackpad|webcam|headset|thermal"
            + "|temps|ping|latency|malware|virus|antivirus|bootloader|kernel|ubuntu|debian|fedora|os|chromebook"
            + "|ps4|ps5|xbox|nintendo|console|controller|joystick|keyboard|mouse|headphones|earbuds|airpods|router"
            + "|ssid|hotspot|lte|4g|5g|sim|esim|apk|exe|dll|bsod|bluescreen|graphics";

    record Definition(String name, Cue cue, List<PhrasePattern> patterns, boolean needsQuestion) {
    }

    /** A cue found in a text: which one, and the words that matched. */
    record Match(Definition definition, String phrase) {
    }

    /**
     * The cues, one family of phrases each, in every covered language (see {@link SupportWords} for the spelling:
     * accents removed, apostrophes dropped). {@code @class} stands for a word class of {@link SupportWords}.
     */
    static final List<Definition> DEFINITIONS = List.of(
            // Asking for help
            def("someone-help", Cue.REQUEST, "can|could|would|will @someone|you [here|out] [there] [guys] [please] help|assist|advise|explain|tell|point|recommend|let"
                    + " ; @someone [me] [puede|podria|pueden|peut|pourrait|pode|poderia|kann|konnte] [me|mir] help|ayudar|ayudarme|aider|maider|helfen|ajudar|ajudarme"
                    + " ; me pueden|podrian|puede|podes|puedes ayudar ; pouvez|pourriez|peux vous|tu maider|aider ; kann|konnte|koennte mir [bitte] [jemand] helfen"
                    + " ; me ajudem|ajuda|ajudar ; koi [meri] help|madad [kar|karo|kare|karega|kijiye|karde|kardo] ; help|madad karo|kijiye|karde|kardo|chahiye"),
            def("please-help", Cue.REQUEST, "please|pls|plz|urgent help ; help please|pls|plz|needed|wanted|appreciated ; help me|us ; need help|advice"
                    + " ; por favor ayuda|ayudenme ; ayuda por favor ; aidez moi|nous ; au secours ; hilfe bitte ; bitte um hilfe ; bitte helft ; socorro ; ajuda por favor ; por favor ajudem ; sos"),
            def("need-advice", Cue.REQUEST, "need|want [some|your|any] help|advice|assistance|suggestions ; looking for help|advice|suggestions"
                    + " ; necesito|busco [un] [poco] [de] ayuda|consejo|consejos ; besoin daide|dun|de ; jai besoin ; brauche [dringend] [eure|ihre] hilfe|rat|tipps"
                    + " ; preciso [de] [uma] ajuda|conselho|dica ; mujhe help|madad chahiye"),
            def("any-ideas", Cue.REQUEST, "any idea|ideas|suggestions|suggestion|advice|help|tips|solution|solutions|fix|fixes|recommendations|thoughts|clue|clues|pointers"
                    + " ; alguna idea|sugerencia|solucion ; alguien tiene [alguna] idea ; une idee|solution ; des idees ; eine idee|losung ; irgendwelche ideen|tipps ; alguma ideia|sugestao|solucao|dica ; koi idea|solution|upay|tarika"),
            def("appreciate-help", Cue.REQUEST, "id|would|i [greatly|really|much|super] appreciate any|some|your|the ; any|all help|advice|tips|ideas|suggestions is|are|would [be] [greatly|much|very] appreciated|welcome|helpful"),
            def("anyone-know", Cue.REQUEST, "does|do|would|did @someone [here|else] know ; @someone [here] @know how|why|what|if|whether|of|where|como|por|porque|pourquoi|comment|si|wie|warum|ob|se|kaise|kyun"
                    + " ; does|do @someone have an|any idea ; sabe|saben alguien ; sait on ; weiss|kennt jemand ; alguem sabe ; kisi ko pata|maloom"),
            def("how-do-i", Cue.REQUEST, "how [*] do|can|could|should|would|to i ; how do|can you|we|one fix|stop|remove|solve|repair|reset|recover|disable|change|get ; how would|should|do|can i go about"
                    + " ; where do|should i [even] start|begin|look ; whats|what is the best|right|easiest way to|for"
                    + " ; como|cmo puedo|hago|arreglo|soluciono|quito|recupero|cambio|consigo ; comment faire|puis|reparer|resoudre|regler|recuperer|changer|enlever ; comment je peux|dois|fais"
                    + " ; wie kann|bekomme|mache|behebe|lose|finde ich ; wie [*] ich ; como posso|faco|resolvo|conserto|arrumo|recupero|mudo|consigo ; kaise kare|karu|karun|karein|thik|theek|fix|hoga"),
            def("how-to-fix", Cue.REQUEST, "how to fix|solve|stop|remove|repair|reset|recover|disable|uninstall|unlock|restore|change|get|make|turn"
                    + " ; como arreglar|solucionar|quitar|recuperar|reparar|cambiar ; wie behebe|repariere|entferne ; como resolver|consertar|arrumar|recuperar|remover|tirar"),
            def("what-should-i", Cue.REQUEST, "what should|can|do|could|would i do|try|get|check|buy ; what are my options ; where do i start|go ; what now ; what do i do ; what else can|should i"
                    + " ; que hago|hacer|hago|intento ; que puedo|debo hacer|probar ; que me recomiendan ; que faire ; que dois|puis je faire|essayer ; quest ce que je [dois|peux] [faire]"
                    + " ; was soll|kann ich [*] [tun|machen|probieren] ; was tun ; o que faco|fazer|devo|posso ; kya karu|karun|karoon|kare|karein|karna"),
            def("is-there-a-way", Cue.REQUEST, "is|i|are there a|any|some [*] way|ways|fix|solution|solutions|setting|trick|workaround ; is|i there anyway"
                    + " ; hay [alguna|una|algun] forma|manera|solucion|modo ; y a t il|existe t il ; un moyen ; une solution|facon ; gibt es [eine|einen] weg|losung|moglichkeit|trick"
                    + " ; tem|existe [algum|alguma] jeito|forma|solucao|maneira ; koi tarika|upay|solution [hai]"),
            def("why-does-my", Cue.REQUEST, "why does|is|do|did|wont|cant|isnt|doesnt|are|has|keeps my|the ; whats|what wrong with my|the ; what is wrong with my|the ; whats|what causing ; what is causing ; what could cause|be|it be"
                    + " ; por que|porque mi|mis|se|no ; pourquoi mon|ma|mes|il|elle|ca|est ; warum [*] mein|meine|ist|geht|startet|funktioniert ; por que|porque o|a|meu|minha|nao ; mera|meri|mere * kyun|kyon ; kyun|kyon"),
            def("thanks-in-advance", Cue.REQUEST, "thanks|thank [you] in advance ; thanks|thank [you] for any|your|the help ; tia"
                    + " ; gracias de|por adelantado|antemano ; merci davance|d ; danke [schon] im voraus|vorab ; desde ja obrigado|obrigada|agradeco ; shukriya|dhanyavad"),
            def("anyone-had", Cue.REQUEST, "has|have @someone [else] had|seen|experienced|encountered|fixed|solved|managed|found|run ; anyone|anybody else|having|getting|seeing|experiencing|with|here|out|ever|run"
                    + " ; alguien mas|tiene|tuvo|ha|le ; quelquun dautre|a|aurait|sait ; jemand anderes|auch|schon|erfahrung ; alguem mais|ja|tem|teve|passou ; kisi aur|ka|ke|ko ; is it just me"),
            questionDef("should-i", Cue.REQUEST, "should i ; is it worth|possible|normal|safe|okay|ok|bad|dangerous ; will|would|does|do|can|could|is|should|are [*] [*] my"
                    + " ; deberia|debo|puedo ; dois je|devrais je|puis je|est ce normal ; soll|sollte|kann ich ; ist das normal ; devo|posso|deveria ; kya main|mujhe"),
            def("not-sure-why", Cue.REQUEST, "not sure why|how|what|if|whether ; no idea why|how|what|whats ; have no idea|clue ; no clue ; cant figure [it] [out] ; cant work out ; im stuck ; at a loss ; out of ideas ; stumped ; baffled ; puzzled ; dont understand why|what|how ; dont know why|what|how|whats"
                    + " ; no se|entiendo por|porque|que|como ; no tengo idea ; je ne sais pas|comprends ; sais pas pourquoi|comment|quoi ; aucune idee ; ich weiss|verstehe nicht ; keine ahnung ; nao sei|entendo por|porque|o|como ; nao faco ideia ; samajh nahi|nahin ; pata nahi|nahin"),
            questionDef("can-i", Cue.REQUEST, "can|could i ; am i able ; puedo ; je peux ; kann ich ; posso ; kya main"),
            // The writer's own problem, stated without an explicit ask
            def("my-device", Cue.OWN_DEVICE, "my|our|mi|mis|nuestro|nuestra|mon|ma|mes|notre|mein|meine|meinen|meinem|meiner|unser|unsere|meu|minha|meus|minhas|nosso|nossa|mera|meri|mere|hamara|hamari"
                    + " [new|old|own|brand|nuevo|nueva|viejo|vieja|nouveau|nouvelle|vieux|neuer|neue|neues|alter|alte|novo|nova|velho|velha|naya|nayi] [new] [*] @device|@gear"),
            def("account-trouble", Cue.OWN_DEVICE, "signs|signing|signed|logs|logging|logged|kicks|kicking|kicked|locks|locked me out|off ; cant|cannot|couldnt log|sign in|into|on ; my account|login|username|password|profile|avatar|notifications ; reset email|link|code"),
            def("not-working", Cue.OWN_PROBLEM, "wont|doesnt|cant|cannot|isnt|stopped|keeps|keep|kept|started|starts|not|didnt|wouldnt|refuses|fails|failed|never [to] work|working|start|starting|boot|booting|load|loading|connect|connecting|turn|turning|open|opening|respond|responding|charge|charging|crash|crashing|freez*|restart*|reboot*|shut*|show|showing|recogni*|detect*|sync*|install*|updat*|read|launch*|pair*|print*|save|saving|send|sending|play|playing|log|sign"
                    + " ; no|ya @failverb ; dejo de funcionar|andar|cargar ; ne @failverb ; @failverb plus|pas|nicht|nahi|nahin ; parou de funcionar|carregar ; nao @failverb ; kaam nahi|nahin|na ; band ho"),
            def("having-problem", Cue.OWN_PROBLEM, "my problem|issue|question is ; i|im|ive|id [am|have|had|keep] [been] [having|got|get|getting|facing|experiencing|encountering|running] [into] [a|an|this|some|the|few|major|serious] [same|weird|strange|odd] problem|problems|issue|issues|trouble|error|errors"
                    + " ; tengo|tenia|tuve [un|una] [*] problema|error|fallo ; jai [un|une] [*] probleme|souci|erreur ; ich habe [ein|einen] [*] problem|fehler ; tenho|estou|tive [com] [um] [*] problema|erro ; mujhe [*] problem|dikkat ; mera|meri [*] problem|dikkat"),
            def("since-change", Cue.OWN_PROBLEM, "since|after|desde|despues|depuis|apres|seit|nach|depois [the|last|a|an|this|my|i|la|el|le|les|der|dem|die|o|a|da|do|de|del|ultima|ultimo|derniere|dernier|letzten|letzte] [last|latest|recent|new|ultima|ultimo|recente|neuen|nouvelle] [*] @change ; @change ke baad|bad"),
            def("tried-already", Cue.OWN_PROBLEM, "i|ive|weve [already|also|even|just] [*] @tried ; already @tried ; ya @tried ; jai [deja] [*] @tried ; deja @tried ; ich habe [schon|bereits] [*] @tried ; schon @tried ; ja @tried ; maine [*] [bhi] @tried ; @tried it|everything|twice|again|already"),
            def("still-broken", Cue.OWN_PROBLEM, "still doesnt|dont|wont|not|broken|happening|getting|having ; no change|difference ; nothing works|worked|helped|changed|happens|comes ; didnt work|fix|change ; to no avail"
                    + " ; sigue igual|sin|fallando|igual ; nada funciona|funciono|cambio ; rien ne|na|change|narrive ; toujours pareil|le|rien ; immer noch|wieder ; nichts hat|funktioniert|passiert ; continua igual|o|sem ; nada funciona|funcionou|resolveu|mudou ; ab bhi|phir bhi|abhi bhi"),
            def("when-i-do", Cue.OWN_PROBLEM, "when|whenever|time|every i click|open|start|try|turn|plug|launch|log|boot|run|play|connect|press|use|install|update|print|send|type|go|restart|switch"
                    + " ; cuando|cada vez que [*] [*] @failverb ; cada vez que ; quand|chaque fois que|quon ; wenn ich ; immer wenn ; quando|sempre que eu ; jab bhi|jab main"),
            def("i-did", Cue.OWN_PROBLEM, "i [just|recently|then|already|even|accidentally] installed|updated|upgraded|bought|downloaded|reinstalled|formatted|restarted|rebooted|replaced|switched|plugged|unplugged|uninstalled|disabled|enabled|tested|built|deleted|changed|clicked|spilled|dropped|lost|forgot ; i [*] tried to|everything|restarting|reinstalling|updating|resetting"),
            def("cant-do", Cue.OWN_PROBLEM, "i|we cant|cannot|couldnt|can not get|find|see|log|sign|access|open|connect|figure|hear|print|send|use|remove|delete|change|install|update|turn|make|download|upload|save|load|reach|type|read|watch|play|stop|keep|seem"
                    + " ; no puedo|consigo|logro ; je narrive|nai|ne peux|ne parviens ; ich kann|schaffe [es] [*] nicht ; nao consigo|posso ; nahi ho raha|rahi|pa|paa ; ho nahi"),
            def("symptom", Cue.SYMPTOM, "blue|black|white|blank screen|page|pages ; error message|code ; not|stopped working ; slow down ; running|very|really|so|super|extremely|painfully slow ; no sound|signal|internet|display|picture|power ; locked out ; forgot|lost my password ; shuts|shut off|down ; boot loop ; keeps dropping ; dead pixel ; no bootable ; out of nowhere ; for no reason ; randomly ; nothing happens|shows|loads"
                    + " ; pantalla negra|azul ; sin razon ; ecran noir|bleu ; sans raison ; schwarzer|blauer bildschirm ; ohne grund ; tela preta|azul ; sem motivo ; apne aap"),
            def("tech", Cue.TECH, TECH + " ; windows 10|11|7|8|xp|vista ; mac os ; graphics card ; device manager ; task manager ; factory reset"),
            // Against: the question is about the article, rhetorical, sarcastic, an idiom, venting, an answer, a sale
            def("about-article", Cue.ABOUT_ARTICLE, "the|this|your|that @article|video|song ; el|este|la|esta|cet|cette|ce|der|dieser|diesen|o|este|a|esta @article ; larticle|lauteur"),
            def("rhetorical", Cue.RHETORICAL, "who cares|knows|needs|asked ; why would anyone|anybody|someone|somebody|they|you ; are you kidding|serious|joking ; how dare ; what a joke|idiot|shame|disgrace|surprise|mess ; how can anyone|people|they ; asking for a|all|the ; who in their right ; why on earth ; since when ; what did you|they expect ; how hard is|can ; is it too much ; surprise surprise ; what could possibly ; go figure ; who would have|thought ; is anyone surprised"),
            def("sarcasm", Cue.SARCASM, "oh right|wait|sure|yes|yeah|thats|well|great|joy|look ; yeah right|sure ; of course not|they|you|it ; silly me ; how convenient ; thanks for nothing ; good luck with that ; lol|lmao|rofl|smh|haha|jaja|mdr|kkk|hahaha|jajaja ; obviously not ; nice try ; ah yes|right ; right i cant|cannot|forgot ; thats right ; i forgot ; what a surprise ; claro que no ; ah oui ; ach ja|so ; ah claro ; sure thing ; totally"),
            def("help-idiom", Cue.IDIOM, "help but|matters|much|them|him|her|people|others|those|each|their|refugees|families|farmers|victims|workers|it|themselves|yourself ; cant|couldnt|cannot help it|myself|laughing|thinking|wondering|feeling|noticing|but"
                    + " ; doesnt|dont|didnt|wont|wouldnt|hardly|barely|not|never [really] help ; helps|helped|helping|helpful|unhelpful|helpless|helper|helpers|helpline"
                    + " ; she|he|they|who|it|everyone|people|country|family|nobody|kids|government|economy|someone|somebody|children|city|town|team needs|need|needed [our|more|real|professional|urgent|serious|some] help|support"
                    + " ; god help ; help wanted ; with the help ; no ayuda|ayudo ; ayudar a ; naide|naident pas ; aider les ; hilft nicht|wenig ; nao ajuda|ajudou ; ajudar os|as"),
            def("venting", Cue.VENTING, "nobody|noone|no|nobody here [one] [ever|even|here] answers|answered|replies|replied|responds|responded|helps|helped|cares|bothers|bothered|reads|answer|reply ; never get|got|gets [an|any] answer|answers|reply|replies|response"
                    + " ; still no answer|reply|response ; no answer|answers|reply|response|responses ; been ignored|waiting ; ignored my|me ; unanswered ; asked [this] [*] times ; nadie responde|contesta|ayuda ; personne ne|repond ; niemand antwortet|hilft ; ninguem responde|ajuda"),
            def("opinion", Cue.OPINION, "i think|believe|feel|guess|suspect|bet|agree|disagree ; in my opinion|view ; imo|imho ; creo que ; je pense|crois|trouve ; ich finde|denke|glaube ; eu acho ; acho que ; mujhe lagta"),
            def("advice-to-others", Cue.ADVICE, "you should|need|could|can|must|might try|check|update|buy|get|call|go|use|reinstall|restart|look|make|turn ; try restarting|reinstalling|updating|the|a|to|turning|holding|clearing|unplugging ; did you try ; i had the same ; same here ; that fixed|solved|sorted it ; fixed|solved|sorted it for me ; * new one fixed|solved|sorted ; mine had|did|does the same ; worked for me ; works|runs|worked|running|working fine|well|great|perfectly|flawlessly [for] [me] ; no need for|to"
                    + " ; in my experience ; what worked for me ; heres|here is what|how ; the fix is|was ; the trick is ; make sure ; just go to|into|click|turn|hold ; go to settings ; to answer your ; as for your ; to your question|questions ; for your first|second|third"
                    + " ; deberias|prueba|intenta ; tienes que ; tu devrais ; vous devriez ; essayez|essaie ; du solltest ; sie sollten ; versuch|probier ; voce deveria|tente|experimente ; aapko|tumhe * chahiye"),
            def("question-back", Cue.ADVICE, "whats|what not working ; what is not working ; did|have you try|tried|check|checked|restart|restarted|update|updated|install|mean ; are you using|sure|on ; is|are|was your ; what do you mean ; which * did|are you ; for you"),
            def("sale", Cue.SALE, "for sale ; selling [my|a|an|this|these|some] ; pm|dm|message|text|contact|email|call|whatsapp me ; price is|includes ; obo ; or best offer ; serious buyers|inquiries|offers ; local pickup ; pick up only ; shipping included|available|extra ; still available ; brand new in|sealed ; vendo [mi|mis|un|una] ; se vende ; a vendre ; je vends ; zu verkaufen ; verkaufe ; vende se ; interessados|interesados|interesses"));

    private static Definition def(String name, Cue cue, String patterns) {
        return new Definition(name, cue, parse(patterns), false);
    }

    private static Definition questionDef(String name, Cue cue, String patterns) {
        return new Definition(name, cue, parse(patterns), true);
    }

    private static List<PhrasePattern> parse(String patterns) {
        return Arrays.stream(patterns.split(";")).map(p -> PhrasePattern.parse(p, SupportWords.CLASSES)).toList();
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
                count += tryAll(indexed, true, words, i, question, found);
            }
            count += tryAll(anyStart, false, words, i, question, found);
        }
        List<Match> out = new ArrayList<>(count);
        for (Match m : found) {
            if (m != null) {
                out.add(m);
            }
        }
        return out;
    }

    /**
     * Records the first match of each candidate's cue not found yet; returns how many cues it found.
     *
     * @param byFirstWord whether the candidates were indexed by the word at {@code start}
     */
    private static int tryAll(List<Candidate> candidates, boolean byFirstWord, String[] words, int start, boolean question,
                              Match[] found) {
        int added = 0;
        for (Candidate c : candidates) {
            Definition d = c.definition();
            if (found[c.index()] != null || (d.needsQuestion() && !question)) {
                continue;
            }
            int end = byFirstWord ? c.pattern().matchAfterFirstWord(words, start) : c.pattern().matchAt(words, start);
            if (end > start) {
                found[c.index()] = new Match(d, String.join(" ", Arrays.asList(words).subList(start, end)));
                added++;
            }
        }
        return added;
    }
}
