package dev.threadguard.launcher.faults;

import java.util.Random;

/** Invented article and comment texts, distinct enough that no two comments are near-duplicates by chance. */
final class Texts {
    private static final String[] WORDS = ("network server storage cloud battery screen laptop update patch driver "
            + "browser privacy password account vendor market price launch review keyboard camera sensor chip memory "
            + "kernel release support licence open source developer team budget policy court ruling election council "
            + "railway station bridge river harbour weather storm forecast garden recipe kitchen bakery festival music "
            + "guitar concert album theatre novel author poetry museum painting gallery football league season coach "
            + "stadium ticket travel airport flight hotel beach mountain trail cycling marathon science telescope planet "
            + "orbit rocket satellite climate ocean forest energy solar wind turbine grid factory worker union salary "
            + "school teacher student exam library history castle village farmer harvest coffee tea chocolate bread "
            + "cheese wine orchard tractor engine motor repair garage insurance bank loan mortgage tax pension doctor "
            + "hospital nurse vaccine research study lecture campus robot drone printer router modem signal antenna "
            + "winter summer autumn spring morning evening weekend holiday neighbour parcel delivery courier warehouse")
            .split(" ");

    private Texts() {
    }

    static String words(Random random, int min, int max) {
        int n = min + random.nextInt(max - min + 1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(WORDS[random.nextInt(WORDS.length)]);
        }
        return sb.toString();
    }
}
