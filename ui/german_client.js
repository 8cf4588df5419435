// German for Streamlit's own labels, lang="de", and field errors linked to their fields.
// Runs once per browser tab (st.html with JavaScript); Streamlit 1.67 offers no setting for any of it.
(() => {
  if (window.kimClientHelpers) return;
  window.kimClientHelpers = true;

  const EXACT = {
    "Skip to main content": "Zum Hauptinhalt springen",
    "Sidebar": "Seitenleiste",
    "Collapse sidebar": "Seitenleiste einklappen",
    "Expand sidebar": "Seitenleiste ausklappen",
    "Choose an option": "Bitte wählen",
    "Choose options": "Bitte wählen",
    "Open": "Öffnen",
    "Close": "Schließen",
    "Clear all": "Alle entfernen",
    "Clear": "Leeren",
    "Delete": "Entfernen",
    "Remove": "Entfernen",
    "Running...": "Die Seite wird geladen …",
    "Stop": "Anhalten",
    "Stopping...": "Wird angehalten …",
    "Main menu": "Hauptmenü",
    "Link to heading": "Link zu dieser Überschrift",
    "Show/hide columns": "Spalten ein- oder ausblenden",
    "Download as CSV": "Als CSV-Datei herunterladen",
    "Search": "In der Tabelle suchen",
    "Fullscreen": "Vollbild",
    "Close fullscreen": "Vollbild beenden",
    "Exit fullscreen": "Vollbild beenden",
    "View fullscreen": "Vollbild",
    "file upload": "Datei hochladen",
    "Upload": "Hochladen",
    "Drag and drop file here": "Datei hierher ziehen",
    "Drag and drop files here": "Dateien hierher ziehen",
    "Browse files": "Datei auswählen",
    "Remove file": "Datei entfernen",
    "Delete file": "Datei entfernen",
    "Page not found": "Seite nicht gefunden",
    "The page that you have requested does not seem to exist. Running the app's main page.":
      "Die aufgerufene Seite gibt es nicht. Sie sehen stattdessen die Startseite der App.",
    "Press Enter to apply": "Eingabetaste zum Übernehmen",
    "Press Enter to submit form": "Eingabetaste zum Absenden",
    "Press ⌘+Enter to apply": "Strg+Eingabetaste zum Übernehmen",
    "Press Ctrl+Enter to apply": "Strg+Eingabetaste zum Übernehmen",
    "No results": "Keine Treffer",
    "No options to select.": "Keine Auswahl möglich.",
    "Copy to clipboard": "In die Zwischenablage kopieren",
    "Decrement": "Verringern",
    "Increment": "Erhöhen",
    "Connecting": "Verbindung wird hergestellt",
    "Connection error": "Verbindungsfehler",
    "Show password text": "Passwort anzeigen",
    "Hide password text": "Passwort verbergen",
    "Selected values": "Ausgewählte Werte",
    "Show data": "Daten anzeigen",
    "Download as PNG": "Als PNG-Bild herunterladen",
    "Download as SVG": "Als SVG-Bild herunterladen",
    "Copy Vega-Lite spec": "Diagrammbeschreibung (Vega-Lite) kopieren",
    "Vega visualization": "Diagramm",
    "Save as SVG": "Als SVG-Bild speichern",
    "Save as PNG": "Als PNG-Bild speichern",
    "View Source": "Quelltext anzeigen",
    "View Compiled Vega": "Vega-Beschreibung anzeigen",
    "Open in Vega Editor": "Im Vega-Editor öffnen",
    "Running": "Läuft",
  };
  const ICONS = {
    check_circle: "Erledigt", error: "Fehler", warning: "Hinweis", info: "Information",
  };
  const PATTERNS = [
    [/^Help for (.+)$/, (m) => `Hilfe zu „${m[1]}“`],
    [/^Remove (.+)$/, (m) => `„${m[1]}“ entfernen`],
    [/^(?:Limit )?(\d+)\s?MB per file(.*)$/, (m) => `Höchstens ${m[1]} MB je Datei${m[2]}`],
    [/^([a-z_]+) icon$/, (m) => ICONS[m[1]] || ""],
    [/^([XY])-axis(?: titled '([^']*)')? for a (?:linear|discrete|time|log)[^:]*?(?:with values from (.+) to (.+?))?(?:: (.*))?$/,
      (m) => `${m[1]}-Achse${m[2] ? " „" + m[2] + "“" : ""}` +
        (m[3] ? `, Werte von ${m[3]} bis ${m[4]}` : "") + (m[5] ? `: ${m[5].replace(", ending with", " … bis")}` : "")],
    [/^Symbol legend titled '([^']*)' for [^:]*: (.*)$/, (m) => `Legende „${m[1]}“: ${m[2]}`],
  ];
  const OWN_TEXT = [
    '[data-testid="stMarkdown"]', '[data-testid="stAlert"]', '[data-testid="stWidgetLabel"]',
    '[data-testid="stTable"]', '[data-testid="stHeading"]', '[data-testid="stMetric"]',
  ].join(", ");
  const ATTRIBUTES = ["aria-label", "title", "placeholder", "alt"];

  function german(text) {
    const trimmed = text.trim();
    if (Object.prototype.hasOwnProperty.call(EXACT, trimmed)) return EXACT[trimmed];
    for (const [pattern, build] of PATTERNS) {
      const found = trimmed.match(pattern);
      if (found) return build(found);
    }
    return null;
  }

  function translateAttributes(element) {
    for (const name of ATTRIBUTES) {
      const value = element.getAttribute(name);
      if (!value) continue;
      const translated = german(value);
      if (translated === "") {
        // A decorative icon: nothing to say, so nothing is said.
        element.removeAttribute(name);
        element.setAttribute("aria-hidden", "true");
      } else if (translated !== null && translated !== value) {
        element.setAttribute(name, translated);
      }
    }
  }

  function translateText(node) {
    // The app's own text is German already; a case note that says "Stop" stays as typed.
    const parent = node.parentElement;
    if (parent && parent.closest(OWN_TEXT)) return;
    const translated = german(node.nodeValue);
    if (translated && translated !== node.nodeValue.trim()) node.nodeValue = translated;
  }

  function translateTree(root) {
    if (root.nodeType === Node.TEXT_NODE) return translateText(root);
    if (root.nodeType !== Node.ELEMENT_NODE) return;
    translateAttributes(root);
    for (const element of root.querySelectorAll("[aria-label],[title],[placeholder],[alt]")) {
      translateAttributes(element);
    }
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) translateText(walker.currentNode);
  }

  // Field problems: a keyed container "KEY-problems" follows each field (widget key KEY) that has any.
  function linkProblems() {
    const seen = new Set();
    for (const box of document.querySelectorAll('[class*="st-key-"][class*="-problems"]')) {
      const cls = [...box.classList].find((c) => c.startsWith("st-key-") && c.endsWith("-problems"));
      if (!cls) continue;
      const fieldClass = cls.slice(0, -"-problems".length);
      const field = document.querySelector(`.${CSS.escape(fieldClass)}`);
      const control = field && field.querySelector("input, textarea, [role='combobox']");
      if (!control) continue;
      const ids = [];
      let invalid = false;
      box.querySelectorAll('[data-testid="stAlertContainer"], [role="alert"]').forEach((alert, i) => {
        if (alert.parentElement && alert.parentElement.closest('[role="alert"]')) return;
        if (!alert.id) alert.id = `${cls}-${i}`;
        ids.push(alert.id);
        if (alert.querySelector('[data-testid="stAlertContentError"]')) invalid = true;
      });
      if (!ids.length) continue;
      seen.add(control);
      control.setAttribute("aria-describedby", ids.join(" "));
      if (invalid) control.setAttribute("aria-invalid", "true");
      else control.removeAttribute("aria-invalid");
      control.dataset.kimProblems = "1";
    }
    for (const control of document.querySelectorAll("[data-kim-problems]")) {
      if (seen.has(control)) continue;
      control.removeAttribute("aria-invalid");
      control.removeAttribute("aria-describedby");
      delete control.dataset.kimProblems;
    }
  }

  // A rerun may redraw the focused widget (after "Speichern"); focus then falls back to the
  // page top. The widget's key finds it again, so keyboard users stay where they were.
  let lastFocus = null;
  // A click elsewhere is the user's own move: nothing is given back the focus after it.
  document.addEventListener("pointerdown", () => { lastFocus = null; }, true);
  document.addEventListener("focusin", (event) => {
    const keyed = event.target.closest && event.target.closest('[class*="st-key-"]');
    const cls = keyed && [...keyed.classList].find((c) => c.startsWith("st-key-"));
    if (cls) lastFocus = { cls, tag: event.target.tagName, at: Date.now() };
    else lastFocus = null;
  });
  function restoreFocus() {
    if (!lastFocus || Date.now() - lastFocus.at > 15000) return;
    const active = document.activeElement;
    if (active && active !== document.body && document.contains(active)) return;
    const box = document.querySelector(`.${CSS.escape(lastFocus.cls)}`);
    const target = box && (box.querySelector(lastFocus.tag.toLowerCase()) ||
      box.querySelector("button, input, textarea, [tabindex]"));
    if (target) target.focus({ preventScroll: false });
  }

  // The upload area is role="presentation" yet named and focusable (axe: presentation-role-
  // conflict); as a named group its name also tells which upload the button is for.
  function fixUploaders() {
    for (const zone of document.querySelectorAll('[data-testid="stFileUploaderDropzone"][role="presentation"]')) {
      zone.setAttribute("role", "group");
    }
  }

  // A sidebar taller than the window scrolls; keyboard users must be able to focus it to scroll
  // it (axe: scrollable-region-focusable). Its section is already named „Seitenleiste“.
  function focusableSidebar() {
    const content = document.querySelector('[data-testid="stSidebarContent"]');
    if (content && !content.hasAttribute("tabindex")) content.setAttribute("tabindex", "0");
  }

  function keepLanguage() {
    if (document.documentElement.lang !== "de") document.documentElement.lang = "de";
  }

  let scheduled = false;
  function afterChanges() {
    scheduled = false;
    keepLanguage();
    fixUploaders();
    focusableSidebar();
    linkProblems();
    restoreFocus();
  }

  translateTree(document.body);
  afterChanges();
  new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === "childList") record.addedNodes.forEach(translateTree);
      else if (record.type === "characterData") translateText(record.target);
      else if (record.type === "attributes" && record.target.nodeType === Node.ELEMENT_NODE) {
        translateAttributes(record.target);
      }
    }
    if (!scheduled) {
      scheduled = true;
      requestAnimationFrame(afterChanges);
    }
  }).observe(document.documentElement, {
    subtree: true,
    childList: true,
    characterData: true,
    attributes: true,
    attributeFilter: [...ATTRIBUTES, "lang"],
  });
})();
