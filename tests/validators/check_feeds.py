"""Every Atom feed of a built site parses with feedparser without complaint (no bozo flag)."""
import pathlib
import sys

import feedparser

site = pathlib.Path(sys.argv[1])
feeds = sorted(site.rglob("atom.xml"))
if not feeds:
    sys.exit(f"no atom.xml under {site}")
for path in feeds:
    parsed = feedparser.parse(path.read_bytes())
    if parsed.bozo:
        sys.exit(f"{path}: {parsed.bozo_exception}")
    if not parsed.feed.get("title"):
        sys.exit(f"{path}: feed has no title")
print(f"{len(feeds)} feed(s) parse cleanly")
