"""What the accessibility browser tests look at: axe-core's verdict, lang, leftover English."""

from __future__ import annotations

from typing import Any

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

# WCAG 2.0 and 2.1, levels A and AA (what BITV 2.0 asks), plus axe's best practices such as the
# order of headings.
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}
# Streamlit's own English, as Chromium showed and spoke it before the client script.
ENGLISH = (
    "Skip to main content",
    "Help for ",
    "Clear all",
    "Open",
    "Close",
    "Upload",
    "per file",
    "Stop",
    "Running",
    "Page not found",
    "Choose an option",
    "Show/hide columns",
    "Download as",
    "Search",
    "Fullscreen",
    "Collapse sidebar",
    "Expand sidebar",
    "Selected values",
    "Remove ",
    "Link to heading",
    "Show data",
    "Vega visualization",
    "-axis",
    "Main menu",
    "Deploy",
    "Print",
    "Record screen",
    "System",
    "Light",
    "Dark",
    "Browse files",
    "Drag and drop",
)
_axe = Axe()

_SPOKEN_AND_SHOWN = """() => {
  const hidden = (el) => el.closest('[aria-hidden="true"]') !== null;
  const out = [];
  for (const el of document.querySelectorAll('[aria-label],[title],[placeholder],[alt]')) {
    if (hidden(el)) continue;
    for (const name of ['aria-label', 'title', 'placeholder', 'alt']) {
      const value = el.getAttribute(name);
      if (value) out.push(value.trim());
    }
  }
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const parent = node.parentElement;
    if (!parent || hidden(parent) || parent.closest('script, style')) continue;
    const text = node.nodeValue.trim();
    if (text) out.push(text);
  }
  return out;
}"""


def settle(page: Page, timeout_ms: int = 60_000) -> None:
    """Wait until the script run is over and the client script has done its work."""
    page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for(
        timeout=timeout_ms
    )
    page.wait_for_function("document.documentElement.lang === 'de'", timeout=timeout_ms)
    # The client script works in the animation frame after Streamlit's last change.
    page.evaluate("() => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 50)))")


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """axe-core's violations on the page as it is now: rule, impact and the first elements."""
    result = _axe.run(page, options=AXE_OPTIONS)
    return [
        {
            "rule": violation["id"],
            "impact": violation["impact"],
            "elements": [node["html"][:160] for node in violation["nodes"][:3]],
        }
        for violation in result.response["violations"]
    ]


def english_leftovers(page: Page) -> list[str]:
    """Texts and accessible names that still carry Streamlit's English."""
    texts: list[str] = page.evaluate(_SPOKEN_AND_SHOWN)
    return sorted(
        {
            text
            for text in texts
            for english in ENGLISH
            if text == english.strip()
            or (english.endswith(" ") and text.startswith(english))
            or (
                english in ("per file", "-axis", "Drag and drop", "Download as") and english in text
            )
        }
    )


_CONTRAST = """(el) => {
  // Text colour as seen: its alpha and every ancestor's opacity blend it into the background.
  const rgb = (text) => text.match(/[\\d.]+/g).map(Number);
  let [r, g, b, a = 1] = rgb(getComputedStyle(el).color);
  for (let node = el; node; node = node.parentElement) a *= Number(getComputedStyle(node).opacity);
  let background = [255, 255, 255];
  for (let node = el; node; node = node.parentElement) {
    const [br, bg, bb, ba = 1] = rgb(getComputedStyle(node).backgroundColor);
    if (ba > 0) { background = [br, bg, bb]; break; }
  }
  const seen = [r, g, b].map((c, i) => c * a + background[i] * (1 - a));
  const luminance = (c) => {
    const [x, y, z] = c.map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * x + 0.7152 * y + 0.0722 * z;
  };
  const [l1, l2] = [luminance(seen), luminance(background)].sort((p, q) => q - p);
  return (l1 + 0.05) / (l2 + 0.05);
}"""


def contrast(page: Page, selector: str) -> float:
    """Contrast ratio of the first element matching `selector` against its background."""
    return float(page.locator(selector).first.evaluate(_CONTRAST))
