/*
 * The markdown a card host applies to TextBlock and FactSet text, loaded into the page beside Microsoft's
 * renderer (which looks for window.markdownit, not installed here). It follows CommonMark for what Teams
 * renders (bold, italic, lists, links) and more (headings, quotes, code, images), and passes raw HTML
 * through like the most permissive host, so a card test sees anything a person's text could switch on.
 */
(function () {
  function escapeHtml(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  function inline(text) {
    var held = [];
    var hold = function (html) {
      held.push(html);
      return "\u0000" + (held.length - 1) + "\u0000";
    };
    var s = text.replace(/\\([!-\/:-@[-`{-~])/g, function (_, c) { return hold(escapeHtml(c)); });
    s = s.replace(/(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)/g, function (_, __, code) { return hold("<code>" + escapeHtml(code) + "</code>"); });
    s = s.replace(/<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*)>/g, function (_, url) { return hold('<a href="' + escapeHtml(url) + '">' + escapeHtml(url) + "</a>"); });
    s = s.replace(/<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>/g, function (tag) { return hold(tag); });
    s = s.replace(/&(#\d+|#x[0-9a-f]+|[A-Za-z][A-Za-z0-9]*);/gi, function (entity) { return hold(entity); });
    s = s.replace(/!\[([^\]]*)\]\(([^)\s]*)\)/g, function (_, alt, url) { return hold('<img alt="' + escapeHtml(alt) + '" src="' + escapeHtml(url) + '">'); });
    s = s.replace(/\[([^\]]*)\]\(([^)\s]*)(?:\s+"[^"]*")?\)/g, function (_, label, url) { return hold('<a href="' + escapeHtml(url) + '">') + label + hold("</a>"); });
    s = escapeHtml(s);
    // "_" opens and closes emphasis only at a word's edge; "*" anywhere.
    s = s.replace(/\*\*(?=\S)([\s\S]*?\S)\*\*/g, "<strong>$1</strong>");
    s = s.replace(/(^|[^A-Za-z0-9])__(?=\S)([\s\S]*?\S)__(?![A-Za-z0-9])/g, "$1<strong>$2</strong>");
    s = s.replace(/\*(?=\S)([\s\S]*?\S)\*/g, "<em>$1</em>");
    s = s.replace(/(^|[^A-Za-z0-9])_(?=\S)([\s\S]*?\S)_(?![A-Za-z0-9])/g, "$1<em>$2</em>");
    s = s.replace(/~~(?=\S)([\s\S]*?\S)~~/g, "<del>$1</del>");
    while (/\u0000\d+\u0000/.test(s)) s = s.replace(/\u0000(\d+)\u0000/g, function (_, i) { return held[Number(i)]; });
    return s;
  }

  function blocks(text) {
    var lines = text.split(/\r\n|\r|\n/);
    var out = [];
    var paragraph = [];
    var flush = function () {
      if (paragraph.length) out.push("<p>" + inline(paragraph.join("\n")) + "</p>");
      paragraph = [];
    };
    for (var i = 0; i < lines.length; i += 1) {
      var line = lines[i];
      var m;
      if (/^[ \t]*$/.test(line)) { flush(); continue; }
      if (!paragraph.length && /^( {4}|\t)/.test(line)) { out.push("<pre><code>" + escapeHtml(line.trim()) + "</code></pre>"); continue; }
      if ((m = /^ {0,3}(`{3,}|~{3,})/.exec(line))) {
        flush();
        var code = [];
        for (i += 1; i < lines.length && lines[i].indexOf(m[1]) !== 0; i += 1) code.push(lines[i]);
        out.push("<pre><code>" + escapeHtml(code.join("\n")) + "</code></pre>");
        continue;
      }
      if ((m = /^ {0,3}(#{1,6})(?:[ \t]+(.*))?$/.exec(line))) { flush(); out.push("<h" + m[1].length + ">" + inline(m[2] || "") + "</h" + m[1].length + ">"); continue; }
      if (paragraph.length && /^ {0,3}(=+|-+)[ \t]*$/.test(line)) {
        var level = line.trim()[0] === "=" ? 1 : 2;
        out.push("<h" + level + ">" + inline(paragraph.join("\n")) + "</h" + level + ">");
        paragraph = [];
        continue;
      }
      if (/^ {0,3}([-*_])([ \t]*\1){2,}[ \t]*$/.test(line)) { flush(); out.push("<hr>"); continue; }
      if ((m = /^ {0,3}>[ \t]?(.*)$/.exec(line))) { flush(); out.push("<blockquote>" + inline(m[1]) + "</blockquote>"); continue; }
      if ((m = /^ {0,3}[-+*][ \t]+(.*)$/.exec(line))) { flush(); out.push("<ul><li>" + inline(m[1]) + "</li></ul>"); continue; }
      if ((m = /^ {0,3}\d{1,9}[.)][ \t]+(.*)$/.exec(line))) { flush(); out.push("<ol><li>" + inline(m[1]) + "</li></ol>"); continue; }
      paragraph.push(line);
    }
    flush();
    return out.join("");
  }

  window.hostMarkdown = blocks;
})();
