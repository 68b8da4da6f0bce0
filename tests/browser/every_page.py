"""Visit every page a persona can reach and check what a person on a phone or with a screen
reader would run into: sideways scrolling and axe-core's accessibility violations.

The pages are found the way a person finds them: by following the links of each page
from the persona's landing page. One address is visited per page (URL name), so a
thousand ticket links cost one visit. axe-core comes from npm (package.json; `make test`
installs it) and is evaluated in the page through the DevTools protocol, so the page's
strict Content-Security-Policy stays as it is.
"""

from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from django.urls import Resolver404, resolve

AXE_PATH = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WIDTHS = {"desktop": 1366, "phone": 390}

# Addresses that are not pages: downloads, the API, logging out, the preview endpoint.
NOT_PAGES = ("/billmgr", "/markdownx/", "/accounts/logout/", "/i18n/", "/admin/logout/")
NOT_PAGE_SUFFIXES = (".csv",)
# Admin views that are the same template for every model: one of each is enough.
ADMIN_SAME_PAGE = ("_history", "_delete")


def axe_source() -> str:
    if not AXE_PATH.exists():
        raise RuntimeError(f"{AXE_PATH} is missing: run `make axe` (npm ci) first")
    return AXE_PATH.read_text()


@dataclass
class Finding:
    url: str
    width: int
    overflow: int = 0  # pixels the page is wider than the window
    violations: list = field(default_factory=list)

    def __bool__(self):
        return bool(self.overflow or self.violations)

    def __str__(self):
        lines = [f"{self.url} at {self.width}px:"]
        if self.overflow:
            lines.append(f"  scrolls sideways by {self.overflow}px")
        for violation in self.violations:
            lines.append(f"  axe {violation['id']} ({violation['impact']}): {violation['help']}")
            lines += [f"    {node}" for node in violation["nodes"][:4]]
        return "\n".join(lines)


CHECK_PAGE = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  const root = document.documentElement;
  return {
    overflow: Math.max(0, root.scrollWidth - root.clientWidth),
    violations: result.violations.map(v => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map(n => n.target.join(' ') + ' ' + (n.failureSummary || '').split('\\n')[1]),
    })),
  };
}"""


def load_axe_in_every_page(context):
    """axe-core evaluated in each page the context opens, as the page starts (the DevTools
    protocol's script for new documents, which the page's CSP does not govern): sent to the
    browser once instead of once a page."""
    context.add_init_script(axe_source())


def check_page(page, width: int) -> Finding:
    """The current page's sideways overflow and axe violations (axe injected if the page
    does not have it yet)."""
    if not page.evaluate("() => typeof axe !== 'undefined'"):
        page.evaluate(axe_source())
    result = page.evaluate(CHECK_PAGE)
    return Finding(page.url, width, result["overflow"], result["violations"])


def page_key(path: str) -> str | None:
    """What makes two addresses the same page (its URL name), or None for no page."""
    if path.startswith(NOT_PAGES) or path.endswith(NOT_PAGE_SUFFIXES):
        return None
    try:
        match = resolve(path)
    except Resolver404:
        return None
    name = match.view_name
    if name.startswith("admin:") and name.endswith(ADMIN_SAME_PAGE):
        return name.rsplit("_", 1)[1]
    if "attachment" in name or name.endswith("_file"):
        return None
    return name


def walk(page, base: str, starts: list[str], *, limit: int = 250):
    """Open every page reachable by links from `starts`, one address per URL name, in
    the order a breadth-first walk finds them; yield each address while it is open."""
    seen_keys, queue, opened = set(), deque(starts), 0
    while queue and opened < limit:
        path = queue.popleft()
        key = page_key(urlsplit(path).path)
        if key is None or key in seen_keys:
            continue
        seen_keys.add(key)
        response = page.goto(base + path)
        if response is None or response.status >= 400 or not page.url.startswith(base):
            continue
        opened += 1
        yield path
        queue.extend(links(page, base))


def links(page, base: str) -> list[str]:
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(a => a.href)")
    return [href[len(base) :].split("#")[0] for href in hrefs if href.startswith(base + "/")]
