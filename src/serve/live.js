// brobygger serve's live reload: added to every page the preview serves, never to a build.
// It listens to the preview's events: when the site changed, the page reloads; when the site
// has errors, they are laid over the page (the last good page stays underneath) until the
// next good save. How many warnings `brobygger check` would show is a small note in the
// corner: text in the site's language (the preview sends it), read out politely, never
// taking the focus or a click meant for the page.
(function () {
  "use strict";
  var script = document.currentScript;
  var mine = script ? script.getAttribute("data-generation") : "";
  var words = {
    da: { title: "Sitet har fejl", intro: "Siden nedenfor er den seneste version uden fejl. Ret fejlene og gem, så opdateres den.", line: "linje", help: "Sådan retter du det", close: "Skjul" },
    sv: { title: "Webbplatsen har fel", intro: "Sidan nedan är den senaste versionen utan fel. Rätta felen och spara, så uppdateras den.", line: "rad", help: "Så rättar du det", close: "Dölj" },
    en: { title: "The site has errors", intro: "The page below is the last version without errors. Fix the errors and save; it updates by itself.", line: "line", help: "How to fix it", close: "Hide" }
  };
  var lang = (document.documentElement.getAttribute("lang") || "en").slice(0, 2);
  var w = words[lang] || words.en;
  var overlay = null;
  var note = null;

  function showWarnings(text) {
    if (!text) {
      if (note && note.parentNode) note.parentNode.removeChild(note);
      note = null;
      return;
    }
    if (!note) {
      note = el("p", "", "position:fixed;right:.5rem;bottom:.5rem;z-index:2147483646;margin:0;max-width:24rem;" +
        "padding:.25rem .6rem;background:#fffbe6;color:#1a1a1a;border:1px solid #8a6d00;border-radius:4px;" +
        "font:13px/1.4 system-ui,sans-serif;opacity:.92;pointer-events:none");
      note.id = "brobygger-warnings";
      note.setAttribute("role", "status");
      note.setAttribute("aria-live", "polite");
      document.body.appendChild(note);
    }
    if (note.textContent !== text) note.textContent = text;
  }

  function el(tag, text, css) {
    var e = document.createElement(tag);
    if (text) e.textContent = text;
    if (css) e.style.cssText = css;
    return e;
  }

  function show(errors) {
    hide();
    overlay = el("section", "", "position:fixed;inset:0 0 auto 0;max-height:80vh;overflow:auto;z-index:2147483647;" +
      "background:#fff;color:#1a1a1a;border-bottom:4px solid #b00020;box-shadow:0 4px 16px rgba(0,0,0,.3);" +
      "padding:1rem 1.25rem;font:16px/1.5 system-ui,sans-serif;text-align:left");
    overlay.id = "brobygger-errors";
    overlay.setAttribute("role", "alert");
    overlay.setAttribute("aria-labelledby", "brobygger-errors-title");
    var title = el("h2", w.title + " (" + errors.length + ")", "margin:0 0 .25rem;font-size:1.25rem;color:#b00020");
    title.id = "brobygger-errors-title";
    overlay.appendChild(title);
    overlay.appendChild(el("p", w.intro, "margin:0 0 .75rem"));
    var list = el("ol", "", "margin:0;padding-left:1.25rem");
    errors.forEach(function (e) {
      var li = el("li", "", "margin:0 0 .75rem");
      var where = e.file + (e.line ? ", " + w.line + " " + e.line + (e.column ? ":" + e.column : "") : "");
      li.appendChild(el("code", where, "font-weight:bold;font-size:.95em"));
      li.appendChild(el("div", e.message));
      if (e.help) li.appendChild(el("div", w.help + ": " + e.help, "color:#333"));
      list.appendChild(li);
    });
    overlay.appendChild(list);
    var close = el("button", w.close, "font:inherit;margin-top:.25rem;padding:.25rem .75rem");
    close.type = "button";
    close.addEventListener("click", hide);
    overlay.appendChild(close);
    document.body.appendChild(overlay);
  }

  function hide() {
    if (overlay && overlay.parentNode) overlay.parentNode.removeChild(overlay);
    overlay = null;
  }

  if (!window.EventSource) return;
  var events = new EventSource("/__brobygger/events");
  events.addEventListener("state", function (message) {
    var state;
    try { state = JSON.parse(message.data); } catch (e) { return; }
    if (state.generation !== mine) {
      location.reload();
      return;
    }
    if (state.errors && state.errors.length) show(state.errors);
    else hide();
    showWarnings(state.warnings_note);
  });
})();
