#!/usr/bin/env python3
"""Checks every Atom feed of a built dossier site with feedparser.

Usage: check_feeds.py SITE_DIR

A feed fails when feedparser flags it as malformed (bozo), when it is not Atom 1.0, or when an
entry lacks a title, link, id or date. Feed readers are lenient, so this is stricter than any
one of them: a feed that passes here reads everywhere. Exits 1 on any failure.
"""

import sys
from pathlib import Path

import feedparser


def check(path: Path) -> list[str]:
    feed = feedparser.parse(path.read_bytes())
    problems = []
    if feed.bozo:
        problems.append(f"not well-formed: {feed.bozo_exception!r}")
    if feed.version != "atom10":
        problems.append(f"expected Atom 1.0, feedparser says {feed.version!r}")
    if not feed.feed.get("title"):
        problems.append("feed has no title")
    if not any(l.get("rel") == "self" for l in feed.feed.get("links", [])):
        problems.append("feed has no rel=self link")
    for n, entry in enumerate(feed.entries, 1):
        for key in ("title", "link", "id", "published", "updated"):
            if not entry.get(key):
                problems.append(f"entry {n} has no {key}")
    return problems


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    site = Path(sys.argv[1])
    feeds = sorted(site.rglob("atom.xml"))
    if not feeds:
        print(f"check_feeds: no atom.xml under {site}", file=sys.stderr)
        return 1
    failed = 0
    entries = 0
    for path in feeds:
        problems = check(path)
        entries += len(feedparser.parse(path.read_bytes()).entries)
        for problem in problems:
            print(f"{path.relative_to(site)}: {problem}", file=sys.stderr)
        failed += bool(problems)
    print(f"check_feeds: {len(feeds)} feeds, {entries} entries, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
