package dev.threadguard.moderation.support;

import java.text.Normalizer;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Word classes for the support-request cues, in English, Spanish, French, German, Portuguese and Hindi written in
 * Latin letters, so that one cue ("my @device") covers every language without knowing which one a text is in. Words
 * are in the form {@link #fold} gives: lower case, accents removed, apostrophes dropped ("l'écran" is "lecran",
 * "qu'il" is "quil"). A trailing {@code *} makes an entry a prefix. The classes are general vocabulary written for
 * Threadguard (kinds of device, symptom, request), not phrases of any evaluation text.
 */
final class SupportWords {
    private SupportWords() {
    }

    /** Class name to its entries. Insertion order is kept so cue definitions read in a stable order. */
    static final Map<String, List<String>> CLASSES = classes(
            "device", "computer computers pc laptop desktop notebook phone smartphone iphone android tablet ipad mac"
                    + " macbook imac chromebook printer scanner router modem wifi internet keyboard mouse trackpad"
                    + " touchpad gpu cpu ssd hdd usb battery charger email inbox password browser device os windows"
                    + " motherboard ram headphones earbuds headset speakers mic microphone webcam tv console xbox"
                    + " playstation ps4 ps5 controller app apps bios psu antivirus firewall vpn hotspot bluetooth"
                    + " login thermostat projector dashcam nas ereader cursor taskbar cartridge toner"
                    + " ordenador computadora compu portatil movil celular telefono impresora teclado raton"
                    + " tableta correo contrasena navegador aplicacion auriculares"
                    + " ordinateur ordi telephone imprimante routeur clavier souris tablette courriel navigateur appli"
                    + " limprimante lordinateur lordi lappli lapplication"
                    + " rechner handy telefon drucker fritzbox tastatur passwort kennwort festplatte akku ladegerat"
                    + " kopfhorer wlan computador telemovel telefone impressora roteador senha aplicativo carregador"
                    + " appareil lappareil gerat aparelho dispositivo",
            // Words that name a device only in "my ___" ("my drive", but "a drive to the coast")
            "gear", "connection network screen display monitor card drive memory speaker camera file files photos"
                    + " game games driver drivers fan fans software system calendar settings profile storage sound"
                    + " audio emails cable port ports smartwatch watch kindle sim disk partition backup server"
                    + " install installation update upgrade graphics pin doorbell drone username avatar subscription"
                    + " notifications feed folder folders downloads ink account processor machine rig build mobo"
                    + " pantalla cuenta disco tarjeta bateria cargador altavoz camara tele television mando archivos"
                    + " juego conexion red portable tel box ecran compte mail disque carte batterie chargeur casque"
                    + " enceinte jeu reseau fichiers connexion lecran bildschirm monitor maus konto lautsprecher"
                    + " kamera fernseher konsole dateien spiel verbindung netzwerk tela ecra rato conta cartao fone"
                    + " jogo conexao rede arquivos ficheiros mobile net"
                    + " sesion suscripcion abonnement abo assinatura pseudo benutzername",
            "symptom", "crash crashes crashed crashing freeze freezes freezing froze frozen bsod lag lags laggy lagging"
                    + " overheat overheats overheating bootloop glitch glitches glitchy glitching corrupt corrupted"
                    + " virus malware hacked hijacked stutter stutters stuttering slowdown randomly bluescreen"
                    + " flicker flickers flickering disconnects disconnecting disconnected offline unresponsive bricked"
                    + " beeps beeping blank garbled greyed grayed drains drained dies dying"
                    + " cuelga congela congelado lento lenta reinicia apaga pantallazo bloqueado bloqueada cierra traba"
                    + " plante bloque bloquee lent lente redemarre seteint freeze beugue rame ferme"
                    + " absturz sturzt hangt langsam startet friert flackert schliesst"
                    + " trava travando travou lento reinicia desliga congela"
                    + " hang atak atka slow",
            "problem", "problem problems issue issues trouble error errors bug bugs glitch fault faults message"
                    + " problema problemas fallo falla fallos errores aviso"
                    + " probleme problemes souci soucis erreur erreurs panne bogue"
                    + " fehler fehlermeldung storung"
                    + " erro erros defeito"
                    + " dikkat samasya pareshani",
            "change", "update updates updated updating upgrade upgraded upgrading install installed installing reinstall"
                    + " reinstalled reset patch firmware migration migrated switched switching moved"
                    + " actualizacion actualice actualizar actualizo instale instalar"
                    + " maj misajour jour installe reinstalle"
                    + " aktualisierung update updates installiert installation"
                    + " atualizacao atualizei atualizou instalei"
                    + " kiya",
            "tried", "tried reinstalled restarted rebooted reset resetting reinstalling unplugged replaced cleared"
                    + " checked swapped rolled uninstalled updated"
                    + " probe intente reinicie reinstale borre cambie"
                    + " essaye redemarre reinstalle reinitialise change verifie"
                    + " versucht probiert neugestartet zuruckgesetzt getauscht"
                    + " tentei reiniciei reinstalei troquei testei",
            "persist", "still same nothing anything anymore again"
                    + " sigue igual nada sigo"
                    + " toujours rien encore"
                    + " immer noch nichts wieder"
                    + " continua nada ainda mesmo"
                    + " abhi bhi phir",
            "someone", "anyone anybody someone somebody alguien alguno quelquun jemand alguem koi kisi",
            "know", "know knows knew sabe saben sabeis sait savez connait weiss kennt sabem pata",
            "help", "help ayuda ayudar ayudame ayudenme aide aider aidez hilfe helfen ajuda ajudar ajudem madad",
            "failverb", "work works working start starting boot booting load loading connect connecting turn turning"
                    + " open opening respond responding charge charging print printing sync syncing show showing"
                    + " launch launching pair pairing save saving send sending play playing install installing"
                    + " update updating detect detecting recognise recognize recognising recognizing log sign"
                    + " funciona enciende carga conecta arranca abre imprime anda sirve"
                    + " marche fonctionne demarre sallume charge imprime souvre"
                    + " funktioniert geht startet ladt druckt verbindet"
                    + " liga carrega conecta imprime abre"
                    + " chal chalta chalti",
            "negation", "dont doesnt didnt cant cannot wont isnt arent wasnt couldnt never not no"
                    + " nao ne pas nicht kein keine nahi nahin",
            "article", "article author story piece writer reporter editorial column columnist headline journalist"
                    + " articulo autor periodista artigo materia auteur journaliste artikel autorin",
            "sale", "sale selling sell sold pm dm obo shipping price priced asking offers offer"
                    + " vendo vende venta precio vends vendre prix verkaufe verkauf preis preco bechna",
            "firstperson", "i im ive id ill my me mine myself our we ours mi mis yo mio je jai moi mon ma mes ich mein meine"
                    + " meinen meinem meiner mich mir eu meu minha meus minhas main mera meri mere mujhe maine",
            "secondperson", "you your youre yourself yours tu tus usted ustedes vous votre vos ton ta tes du dein deine"
                    + " deinen dich dir voce voces seu sua tum aap tera tumhara aapka");

    /**
     * Common function words of the languages the cues cover: a text with (almost) none of them is in a language the
     * detector knows nothing of, and it abstains rather than guess.
     */
    static final Set<String> COVERED = words("the a an and or but to of in on at for with is are was were be it this"
            + " that my i you me we they he she not no what how why when do does did have has had can will just so"
            + " el la los las un una y o pero de del en con por para es son fue mi mis yo que como porque no se lo"
            + " le les des et ou mais du au avec pour est sont je jai mon ma mes pas ne il elle quoi comment"
            + " der die das ein eine und oder aber zu von mit fur ist sind ich mein meine nicht wie warum was es"
            + " o os um uma e ou mas da do em com para sao eu meu minha nao como porque que"
            + " hai hain ka ki ke ko se mein par bhi nahi kya kaise mera meri mere mujhe koi aur ya toh ho raha"
            + " rahi kar"
            // More of each language's most frequent words: short questions ("quelqu'un sait pourquoi ... sur ...")
            // had too few of the above and were taken for an uncovered language.
            + " al ya muy mas este esta cuando desde hay sin sobre"
            + " sur dans par qui quand pourquoi ce cette ca on nous vous une depuis plus tout avoir"
            + " auf im in den dem bei seit wenn dass auch noch schon nur hat habe mich mir kann jemand"
            + " no na nos nas ao ja mais quando esse essa isso desde sem tem");

    private static Map<String, List<String>> classes(String... nameThenWords) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (int i = 0; i < nameThenWords.length; i += 2) {
            out.put(nameThenWords[i], List.copyOf(new java.util.LinkedHashSet<>(List.of(nameThenWords[i + 1].trim().split("\\s+")))));
        }
        return Collections.unmodifiableMap(out);
    }

    private static Set<String> words(String spaced) {
        return Collections.unmodifiableSet(new HashSet<>(List.of(spaced.trim().split("\\s+"))));
    }

    static Set<String> set(String className) {
        return Collections.unmodifiableSet(new HashSet<>(CLASSES.get(className)));
    }

    /**
     * The words of a normalized text with accents removed ("está" is "esta", "weiß" is "weiss"), so the cues need
     * only one spelling whatever the canonical form keeps of accents. ASCII words are returned as they are.
     */
    static String[] fold(String[] words) {
        for (int i = 0; i < words.length; i++) {
            String w = words[i];
            for (int j = 0; j < w.length(); j++) {
                if (w.charAt(j) > 127) {
                    words[i] = foldWord(w);
                    break;
                }
            }
        }
        return words;
    }

    private static String foldWord(String w) {
        String d = Normalizer.normalize(w, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(d.length());
        for (int i = 0; i < d.length(); i++) {
            char c = d.charAt(i);
            if (Character.getType(c) == Character.NON_SPACING_MARK) {
                continue;
            }
            if (c == 'ß') {
                out.append("ss");
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
