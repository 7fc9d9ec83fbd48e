/* brobygger search: loads the index in parts (search/index.js, search/stem.js, search/t/N.js,
   search/d/K.js) as script tags, so it works from disk and under any sub-path. No modules, no
   requests elsewhere. */
(function () {
  'use strict';
  var me = document.currentScript, ds = (me && me.dataset) || {};
  var root = ds.root || '';
  var B = window.brobyggerSearch = window.brobyggerSearch || {};
  var input = document.getElementById('search-input');
  var status = document.getElementById('search-status');
  var list = document.getElementById('search-results');
  if (!input || !status || !list) return;

  function json(s) { try { return JSON.parse(s || '{}') || {}; } catch (e) { return {}; } }
  var labels = json(ds.labels), words = json(ds.words);
  var MAX = 15, PREFIX_FROM = 3;

  var shards = {}, blocks = {}, loading = {};
  B.terms = function (o) { for (var k in o) shards[k] = o[k]; };
  B.docs = function (k, docs) { blocks[k] = docs; };

  function load(path) {
    if (!loading[path]) {
      loading[path] = new Promise(function (ok, fail) {
        var s = document.createElement('script');
        s.src = root + path;
        s.onload = ok;
        s.onerror = function () { delete loading[path]; fail(new Error(path)); };
        document.head.appendChild(s);
      });
    }
    return loading[path];
  }
  // The site language's Snowball stemmer (search/stem.js sets B.stem), the algorithm the index
  // was stemmed with. Snowball leaves words of two letters as they are, so it is loaded only
  // once a word of three letters is typed (on that key, during the wait before searching).
  // Without it words match as typed.
  var stemmer = null;
  function stemmerFor(q) {
    if (!stemmer && fold(q.normalize('NFC')).some(function (w) { return w.length >= PREFIX_FROM; })) {
      stemmer = load('search/stem.js').catch(function () {});
    }
    return stemmer;
  }
  function stem(w) { return B.stem ? B.stem(w) : w; }
  function manifest(q) {
    var m = B.manifest ? Promise.resolve() : load('search/index.js');
    return Promise.all([m, stemmerFor(q)]).then(function () { return B.manifest; });
  }

  // Folding (search spec): lowercase; æ → ae, ø ö → o, å ä → a, ß → ss, accents dropped;
  // anything else outside a-z0-9 separates words. WORD finds the words of a text to highlight.
  var WORD = /[\p{Alphabetic}\p{N}]+/gu;
  var MAP = { 'æ': 'ae', 'ä': 'a', 'å': 'a', 'á': 'a', 'à': 'a', 'â': 'a', 'ø': 'o', 'ö': 'o', 'ó': 'o',
    'ò': 'o', 'ô': 'o', 'ü': 'u', 'ú': 'u', 'ù': 'u', 'û': 'u', 'é': 'e', 'è': 'e', 'ê': 'e', 'ë': 'e',
    'í': 'i', 'ì': 'i', 'î': 'i', 'ï': 'i', 'ß': 'ss' };
  function fold(text) {
    return text.toLowerCase().replace(/[^a-z0-9]/gu, function (c) { return MAP[c] || ' '; })
      .split(' ').filter(function (t) { return t; });
  }
  // The Danish spelling (ø ö → oe, å → aa, ä → ae), which the index also holds; for highlighting.
  function danish(w) {
    var l = w.toLowerCase();
    return /[øåäö]/.test(l) ? fold(l.replace(/[øö]/g, 'oe').replace(/å/g, 'aa').replace(/ä/g, 'ae')) : [];
  }
  function long(terms) { return terms.filter(function (t) { return t.length >= 2; }); }

  // The query's words, folded, each with its stem: [{ t: 'partnerskaber', s: 'partnerskab' }].
  function queryTerms(q, stop) {
    var seen = {}, all = [];
    long(fold(q.normalize('NFC'))).forEach(function (f) {
      if (!seen[f]) { seen[f] = 1; all.push(f); }
    });
    var kept = all.filter(function (t) { return stop.indexOf(t) < 0; });
    return (kept.length ? kept : all).map(function (t) { return { t: t, s: stem(t) }; });
  }

  // The shard keys that hold every indexed term starting with t: keys that start with t,
  // and the longest key that t starts with (shards split letter by letter, 2 to 5 letters).
  // A word of two letters matches only itself (PREFIX_FROM): as a prefix it would need
  // every file of words beginning with it.
  function keysFor(t, m) {
    var out = [], best = '', k;
    for (k in m.shards) {
      if (k.lastIndexOf(t, 0) === 0 && (t.length >= PREFIX_FROM || k === t)) out.push(k);
      else if (t.lastIndexOf(k, 0) === 0 && k.length > best.length) best = k;
    }
    if (best) out.push(best);
    return out;
  }

  // How an indexed word w matches a query word q (stem s): 3 the word as typed, 2 a word of the
  // same stem, 1 a word that begins with q (from PREFIX_FROM letters), 0 none. A word whose
  // whole is the query's stem counts as the same stem too: Snowball cuts some forms of one word
  // differently (Swedish maktbalans → maktbalan, maktbalansen → maktbalans), and so the
  // plural still finds the bare word. `p` is w's postings, led by its stems when they are not
  // w itself (a negative -n: w's first n letters).
  function tier(w, p, q) {
    if (w === q.t) return 3;
    if (w === q.s) return 2;
    for (var i = 0; i < p.length && (typeof p[i] === 'string' || p[i] < 0); i++) {
      if ((typeof p[i] === 'string' ? p[i] : w.slice(0, -p[i])) === q.s) return 2;
    }
    return q.t.length >= PREFIX_FROM && w.lastIndexOf(q.t, 0) === 0 ? 1 : 0;
  }
  // doc → score for one query word: the best of weight × tier among the words it matches, so
  // the word as typed ranks before its other forms, and those before longer words.
  function scoresFor(q, keys) {
    var best = {};
    keys.forEach(function (k) {
      var terms = shards[k] || {};
      for (var w in terms) {
        var p = terms[w], m = tier(w, p, q);
        if (!m) continue;
        var i = 0;
        while (typeof p[i] === 'string' || p[i] < 0) i++;
        for (; i + 1 < p.length; i += 2) {
          var v = p[i + 1] * m;
          if (!(best[p[i]] >= v)) best[p[i]] = v;
        }
      }
    });
    return best;
  }

  function doc(n, size) { var b = blocks[Math.floor(n / size)]; return b && b[n % size]; }

  function search(q) {
    return manifest(q).then(function (m) {
      var terms = queryTerms(q, m.stop || []);
      if (!terms.length) return { terms: terms, hits: [], total: 0 };
      // The parts that hold the words beginning with the query word or with its stem (in the
      // Nordic languages every form of a word begins with its stem).
      var keys = terms.map(function (q) {
        var ks = keysFor(q.t, m);
        keysFor(q.s, m).forEach(function (k) { if (ks.indexOf(k) < 0) ks.push(k); });
        return ks;
      });
      var files = {};
      keys.forEach(function (ks) { ks.forEach(function (k) { files['search/t/' + m.shards[k] + '.js'] = 1; }); });
      return Promise.all(Object.keys(files).map(load)).then(function () {
        var total = null;
        terms.forEach(function (q, i) {
          var s = scoresFor(q, keys[i]), next = {};
          for (var d in s) if (!total || d in total) next[d] = (total ? total[d] : 0) + s[d];
          total = next;
        });
        var hits = Object.keys(total).map(function (d) { return { n: +d, score: total[d] }; });
        // Ties go in site order (the documents' numbers), so the first MAX are known before
        // any document is loaded: only their blocks are fetched.
        hits.sort(function (a, b) { return b.score - a.score || a.n - b.n; });
        // Titles break ties, so load the titles of every doc that scores at least the last shown.
        var found = hits.length;
        hits = hits.slice(0, MAX);
        var size = m.docShard || 256, need = {};
        hits.forEach(function (h) { need['search/d/' + Math.floor(h.n / size) + '.js'] = 1; });
        return Promise.all(Object.keys(need).map(load)).then(function () {
          hits.forEach(function (h) { h.doc = doc(h.n, size) || ['', '', '', '']; });
          return { terms: terms, hits: hits, total: found };
        });
      });
    });
  }

  function matches(word, terms) {
    return fold(word).concat(danish(word)).some(function (w) {
      var s = stem(w);
      return terms.some(function (q) {
        return w.lastIndexOf(q.t, 0) === 0 || w === q.s || s === q.s;
      });
    });
  }
  // Appends text to el, with every word that a query term begins wrapped in <mark>.
  function marked(el, text, terms) {
    var at = 0, m;
    WORD.lastIndex = 0;
    while ((m = WORD.exec(text))) {
      if (!matches(m[0], terms)) continue;
      if (m.index > at) el.appendChild(document.createTextNode(text.slice(at, m.index)));
      el.appendChild(document.createElement('mark')).textContent = m[0];
      at = m.index + m[0].length;
    }
    if (at < text.length) el.appendChild(document.createTextNode(text.slice(at)));
    return el;
  }
  // A window of the text around its first match, cut at spaces.
  function excerpt(text, terms) {
    var LEN = 200, m, first = 0;
    if (text.length <= LEN) return text;
    WORD.lastIndex = 0;
    while ((m = WORD.exec(text))) if (matches(m[0], terms)) { first = m.index; break; }
    var start = first > 80 ? text.indexOf(' ', first - 60) + 1 : 0;
    var end = text.lastIndexOf(' ', start + LEN);
    if (end <= start || start + LEN >= text.length) end = text.length;
    return (start ? '…' : '') + text.slice(start, end) + (end < text.length ? ' …' : '');
  }

  function el(tag, cls) { var e = document.createElement(tag); if (cls) e.className = cls; return e; }
  function say(key, q, count) {
    var s = words[key] || '';
    status.textContent = s.replace('{count}', function () { return count; })
      .replace('{query}', function () { return q; });
  }

  function show(q, r) {
    while (list.firstChild) list.removeChild(list.firstChild);
    r.hits.forEach(function (h) {
      var d = h.doc, li = el('li', 'search-result');
      li.appendChild(el('p', 'kind-label')).textContent = labels[d[0]] || d[0];
      var a = el('a');
      a.href = root + d[2];
      li.appendChild(el('h2')).appendChild(marked(a, d[1], r.terms));
      if (d[3]) li.appendChild(marked(el('p', 'search-snippet'), excerpt(d[3], r.terms), r.terms));
      list.appendChild(li);
    });
    if (r.total) say('results', q, r.total); else say('none', q);
  }

  var timer, seq = 0;
  function run() {
    clearTimeout(timer);
    var q = input.value.trim(), my = ++seq;
    try {
      history.replaceState(null, '', q ? '?q=' + encodeURIComponent(q) : location.pathname);
    } catch (e) { /* some browsers refuse on file:// */ }
    if (!q) { show(q, { hits: [], total: 0 }); status.textContent = ''; return; }
    if (!long(fold(q.normalize('NFC'))).length) { show(q, { hits: [], total: 0 }); say('short', q); return; }
    search(q).then(function (r) {
      if (my === seq) show(q, r);
    }, function () {
      if (my === seq) show(q, { hits: [], total: 0 });
    });
  }

  input.addEventListener('input', function () {
    clearTimeout(timer);
    stemmerFor(input.value);
    timer = setTimeout(run, 80);
  });
  if (input.form) input.form.addEventListener('submit', function (e) { e.preventDefault(); run(); });

  // Arrow keys move between the input and the result links; Enter follows a link natively.
  function links() { return Array.prototype.slice.call(list.querySelectorAll('a')); }
  input.addEventListener('keydown', function (e) {
    if (e.key === 'ArrowDown' && links().length) { e.preventDefault(); links()[0].focus(); }
  });
  list.addEventListener('keydown', function (e) {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    var all = links(), i = all.indexOf(e.target);
    if (i < 0) return;
    e.preventDefault();
    if (e.key === 'ArrowDown') { if (all[i + 1]) all[i + 1].focus(); }
    else if (i > 0) all[i - 1].focus();
    else input.focus();
  });

  var q0 = new URLSearchParams(location.search).get('q');
  if (q0) { input.value = q0; run(); }
})();
