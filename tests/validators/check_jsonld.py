#!/usr/bin/env python3
"""Checks the schema.org JSON-LD of a built dossier site with extruct.

Usage: check_jsonld.py SITE_DIR

Every HTML page's JSON-LD must parse (extruct in strict error mode). Article pages
(articles/<slug>/index.html) must carry a Report with headline, datePublished, author,
publisher, url and mentions; claim pages (claims/<id>/index.html) a Claim with author (when the
claim names a source), appearance, firstAppearance and url. Exits 1 on any failure.
"""

import sys
from pathlib import Path

import extruct

EXPECTED = {
    "articles": ("Report", ["headline", "datePublished", "author", "publisher", "url", "mentions"]),
    "claims": ("Claim", ["appearance", "firstAppearance", "url", "datePublished"]),
}


def expectation(rel: Path):
    """(type, required keys) for an article or claim page, None for other pages."""
    parts = rel.parts
    if len(parts) == 3 and parts[2] == "index.html" and parts[0] in EXPECTED:
        return EXPECTED[parts[0]]
    return None


def check(site: Path, path: Path) -> tuple[list[str], bool]:
    rel = path.relative_to(site)
    html = path.read_text(encoding="utf-8")
    try:
        items = extruct.extract(html, base_url="https://example.org/", syntaxes=["json-ld"], errors="strict")["json-ld"]
    except Exception as e:  # extruct raises whatever json or lxml raised
        return [f"JSON-LD does not parse: {e!r}"], False
    wanted = expectation(rel)
    if wanted is None:
        return [], bool(items)
    kind, keys = wanted
    typed = [i for i in items if i.get("@type") == kind]
    if len(typed) != 1:
        found = [i.get("@type") for i in items]
        return [f"expected one {kind}, found {found}"], bool(items)
    item = typed[0]
    problems = [f"{kind} has no {k}" for k in keys if not item.get(k)]
    if item.get("@context") not in ("https://schema.org", "http://schema.org"):
        problems.append(f"unexpected @context {item.get('@context')!r}")
    return problems, True


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    site = Path(sys.argv[1])
    pages = sorted(site.rglob("*.html"))
    failed = with_jsonld = 0
    for path in pages:
        problems, has = check(site, path)
        with_jsonld += has
        for problem in problems:
            print(f"{path.relative_to(site)}: {problem}", file=sys.stderr)
        failed += bool(problems)
    if with_jsonld == 0:
        print(f"check_jsonld: no JSON-LD anywhere under {site}", file=sys.stderr)
        return 1
    print(f"check_jsonld: {len(pages)} pages, {with_jsonld} with JSON-LD, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
