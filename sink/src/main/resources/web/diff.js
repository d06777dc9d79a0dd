'use strict';
/*
 * Word-level diff for the duplicate view: which words of one text are not in the other, by the longest
 * common subsequence of words. Pure functions, no DOM; app.js renders the result with textContent.
 */
(function (global) {
  // Beyond this many word pairs the table would be slow; such texts are shown without highlighting.
  const MAX_CELLS = 4000000;

  /** Splits into tokens, keeping whitespace as its own tokens so the text can be rebuilt exactly. */
  function tokens(text) {
    return (text || '').split(/(\s+)/).filter((t) => t !== '');
  }

  function isWord(token) {
    return !/^\s+$/.test(token);
  }

  /**
   * @returns {{a: Array<{text: string, changed: boolean}>, b: Array<{text: string, changed: boolean}>, same: boolean}}
   *   the tokens of each text, each marked changed when it is a word missing from the other text
   */
  function wordDiff(textA, textB) {
    const a = tokens(textA);
    const b = tokens(textB);
    const wa = [];
    const wb = [];
    a.forEach((t, i) => { if (isWord(t)) wa.push(i); });
    b.forEach((t, i) => { if (isWord(t)) wb.push(i); });
    const n = wa.length;
    const m = wb.length;
    const keepA = new Set();
    const keepB = new Set();
    if ((n + 1) * (m + 1) <= MAX_CELLS) {
      const w = m + 1;
      const table = new Uint32Array((n + 1) * w);
      for (let i = n - 1; i >= 0; i--) {
        for (let j = m - 1; j >= 0; j--) {
          table[i * w + j] = a[wa[i]] === b[wb[j]]
            ? table[(i + 1) * w + j + 1] + 1
            : Math.max(table[(i + 1) * w + j], table[i * w + j + 1]);
        }
      }
      let i = 0;
      let j = 0;
      while (i < n && j < m) {
        if (a[wa[i]] === b[wb[j]]) {
          keepA.add(wa[i]);
          keepB.add(wb[j]);
          i++;
          j++;
        } else if (table[(i + 1) * w + j] >= table[i * w + j + 1]) {
          i++;
        } else {
          j++;
        }
      }
    } else {
      wa.forEach((i) => keepA.add(i));
      wb.forEach((j) => keepB.add(j));
    }
    const mark = (list, keep) => list.map((text, i) => ({ text, changed: isWord(text) && !keep.has(i) }));
    const outA = mark(a, keepA);
    const outB = mark(b, keepB);
    const same = !outA.some((t) => t.changed) && !outB.some((t) => t.changed);
    return { a: outA, b: outB, same };
  }

  global.ThreadguardDiff = { wordDiff, tokens };
}(window));
