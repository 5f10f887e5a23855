//! Saved HTML pages to blocks of text: a pass over html5ever's tokenizer (already in the tree
//! through ammonia) that keeps paragraphs, headings and list items, skips scripts, navigation,
//! forms and asides, and reads the page's metadata (title, outlet, canonical URL, date).
//! No DOM is built: clipped articles need text and boundaries, not structure.

use std::cell::RefCell;

use chrono::NaiveDate;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer,
};

use super::{Block, BlockKind, Clipping};

/// Elements whose text is never article text.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "nav", "aside", "form", "button", "select",
    "iframe", "figure", "footer", "dialog", "object", "canvas",
];

/// Elements that start and end a block of text.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "blockquote",
    "section",
    "article",
    "main",
    "header",
    "tr",
    "td",
    "th",
    "dd",
    "dt",
    "pre",
    "table",
    "ul",
    "ol",
    "hr",
    "figcaption",
    "body",
    "title",
];

/// Reads a saved page into a [`Clipping`]. Only the `<article>` (or `<main>`) element's text is
/// kept when the page has one; the first `<h1>` in it is the title and what precedes it is dropped.
pub fn parse(html: &str) -> Clipping {
    let sink = Sink::default();
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let tokenizer = Tokenizer::new(sink, Default::default());
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    let mut page = tokenizer.sink.page.into_inner();
    page.flush();

    let in_article = page.blocks.iter().any(|b| b.in_article);
    let mut blocks: Vec<Block> = page
        .blocks
        .into_iter()
        .filter(|b| b.in_article || !in_article)
        .map(|b| b.block)
        .collect();
    let mut title = None;
    if let Some(h1) = blocks.iter().position(|b| b.level == 1) {
        title = Some(blocks[h1].text.clone());
        blocks.drain(..=h1);
    }
    let title = title
        .or_else(|| page.meta.og_title.clone())
        .or_else(|| page.title.as_deref().map(strip_site_name));
    Clipping {
        title: title.filter(|t| !t.trim().is_empty()),
        blocks,
        source: page.meta.site_name,
        url: page.meta.canonical.or(page.meta.og_url),
        date: page
            .meta
            .date
            .or(page.time_datetime)
            .as_deref()
            .and_then(parse_date),
    }
}

/// "Story headline | Outlet" -> "Story headline": the longest of the parts a page title joins.
fn strip_site_name(title: &str) -> String {
    let mut parts = vec![title];
    for joint in [" | ", " – ", " — ", " - ", " :: "] {
        parts = parts.iter().flat_map(|p| p.split(joint)).collect();
    }
    parts
        .into_iter()
        .max_by_key(|p| p.trim().chars().count())
        .unwrap_or(title)
        .trim()
        .to_string()
}

/// The date part of `2024-10-08`, `2024-10-08T14:30:00Z` and the like.
fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    NaiveDate::parse_from_str(text.get(..10)?, "%Y-%m-%d").ok()
}

#[derive(Debug, Default)]
struct Meta {
    site_name: Option<String>,
    og_title: Option<String>,
    og_url: Option<String>,
    canonical: Option<String>,
    date: Option<String>,
}

struct PageBlock {
    block: Block,
    in_article: bool,
}

/// What the tokenizer has seen so far.
#[derive(Default)]
struct Page {
    blocks: Vec<PageBlock>,
    meta: Meta,
    title: Option<String>,
    /// Open elements whose text is skipped (by name, to close the right one).
    skipping: Vec<String>,
    article_depth: usize,
    heading: Option<u8>,
    list_item: bool,
    in_title: bool,
    in_link: usize,
    text: String,
    /// Characters of `text` written outside any link.
    unlinked_chars: usize,
    time_datetime: Option<String>,
}

impl Page {
    fn flush(&mut self) {
        let text = self.text.split_whitespace().collect::<Vec<_>>().join(" ");
        if !text.is_empty() {
            let kind = match (self.heading, self.list_item) {
                (Some(_), _) => BlockKind::Heading,
                (None, true) => BlockKind::Item,
                _ => BlockKind::Paragraph,
            };
            self.blocks.push(PageBlock {
                block: Block {
                    kind,
                    level: self.heading.unwrap_or(0),
                    text,
                    all_link: self.unlinked_chars == 0,
                },
                in_article: self.article_depth > 0,
            });
        }
        self.text.clear();
        self.unlinked_chars = 0;
    }

    fn tag(&mut self, tag: &Tag) {
        let name: &str = &tag.name;
        let start = tag.kind == TagKind::StartTag;
        if !self.skipping.is_empty() {
            if SKIPPED.contains(&name) && !tag.self_closing {
                if start {
                    self.skipping.push(name.to_string());
                } else if self.skipping.last().is_some_and(|n| n == name) {
                    self.skipping.pop();
                }
            }
            return;
        }
        match name {
            "meta" | "link" if start => self.meta_tag(tag),
            "time" if start && self.time_datetime.is_none() => {
                self.time_datetime = attr(tag, "datetime");
            }
            _ => {}
        }
        if SKIPPED.contains(&name) {
            if start && !tag.self_closing {
                self.flush();
                self.skipping.push(name.to_string());
            }
            return;
        }
        if BLOCKS.contains(&name) || (name == "br" && !self.list_item) {
            self.flush();
        } else if name == "br" {
            self.text.push(' ');
        }
        match (name, start) {
            ("title", true) => self.in_title = true,
            ("title", false) => self.in_title = false,
            ("article" | "main", true) => self.article_depth += 1,
            ("article" | "main", false) => {
                self.article_depth = self.article_depth.saturating_sub(1)
            }
            ("h1" | "h2" | "h3" | "h4" | "h5" | "h6", true) => {
                self.heading = name[1..].parse().ok();
            }
            ("h1" | "h2" | "h3" | "h4" | "h5" | "h6", false) => self.heading = None,
            ("li", true) => self.list_item = true,
            ("li" | "ul" | "ol", false) => self.list_item = false,
            ("a", true) if !tag.self_closing => self.in_link += 1,
            ("a", false) => self.in_link = self.in_link.saturating_sub(1),
            _ => {}
        }
    }

    fn meta_tag(&mut self, tag: &Tag) {
        let key = attr(tag, "property")
            .or_else(|| attr(tag, "name"))
            .or_else(|| attr(tag, "itemprop"))
            .unwrap_or_default()
            .to_lowercase();
        if &*tag.name == "link" {
            let rel = attr(tag, "rel").unwrap_or_default().to_lowercase();
            if rel.split_whitespace().any(|r| r == "canonical") && self.meta.canonical.is_none() {
                self.meta.canonical = attr(tag, "href");
            }
            return;
        }
        let Some(content) = attr(tag, "content").filter(|c| !c.trim().is_empty()) else {
            return;
        };
        let slot = match key.as_str() {
            "og:site_name" => &mut self.meta.site_name,
            "og:title" => &mut self.meta.og_title,
            "og:url" => &mut self.meta.og_url,
            "article:published_time"
            | "datepublished"
            | "date"
            | "pubdate"
            | "publish-date"
            | "dc.date"
            | "dcterms.date" => &mut self.meta.date,
            _ => return,
        };
        if slot.is_none() {
            *slot = Some(content.trim().to_string());
        }
    }

    fn characters(&mut self, text: &str) {
        if !self.skipping.is_empty() {
            return;
        }
        if self.in_title {
            self.title
                .get_or_insert_with(String::new)
                .push_str(text.trim());
            return;
        }
        if self.in_link == 0 {
            self.unlinked_chars += text.trim().chars().count();
        }
        self.text.push_str(text);
    }
}

fn attr(tag: &Tag, name: &str) -> Option<String> {
    tag.attrs
        .iter()
        .find(|a| &*a.name.local == name)
        .map(|a| a.value.to_string())
}

#[derive(Default)]
struct Sink {
    page: RefCell<Page>,
}

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut page = self.page.borrow_mut();
        match token {
            Token::TagToken(tag) => {
                page.tag(&tag);
                if tag.kind == TagKind::StartTag && !tag.self_closing {
                    // The tokenizer needs telling which elements hold raw text, as a tree builder would.
                    return match &*tag.name {
                        "script" => TokenSinkResult::RawData(RawKind::ScriptData),
                        "style" | "xmp" | "iframe" | "noembed" | "noframes" => {
                            TokenSinkResult::RawData(RawKind::Rawtext)
                        }
                        "title" | "textarea" => TokenSinkResult::RawData(RawKind::Rcdata),
                        _ => TokenSinkResult::Continue,
                    };
                }
            }
            Token::CharacterTokens(text) => page.characters(&text),
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!doctype html><html><head>
<title>Troll farm moves to short video | The Example Herald</title>
<meta property="og:site_name" content="The Example Herald">
<meta property="article:published_time" content="2024-10-08T09:00:00Z">
<link rel="canonical" href="https://herald.example/troll-farm">
<script>var x = "<p>not text</p>";</script>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article>
<h1>Troll farm moves to short video</h1>
<p>Researchers said the network posted &ldquo;hundreds&rdquo; of clips &amp; memes.</p>
<h2>How it worked</h2>
<ul><li>Accounts posed as local voters.</li><li>Clips were<br>recycled.</li></ul>
<aside><p>Subscribe to our newsletter</p></aside>
</article>
<footer>© The Example Herald</footer>
</body></html>"#;

    #[test]
    fn article_text_title_and_metadata_are_read() {
        let c = parse(PAGE);
        assert_eq!(c.title.as_deref(), Some("Troll farm moves to short video"));
        assert_eq!(c.source.as_deref(), Some("The Example Herald"));
        assert_eq!(c.url.as_deref(), Some("https://herald.example/troll-farm"));
        assert_eq!(c.date, NaiveDate::from_ymd_opt(2024, 10, 8));
        let texts: Vec<(BlockKind, &str)> =
            c.blocks.iter().map(|b| (b.kind, b.text.as_str())).collect();
        assert_eq!(
            texts,
            vec![
                (
                    BlockKind::Paragraph,
                    "Researchers said the network posted “hundreds” of clips & memes."
                ),
                (BlockKind::Heading, "How it worked"),
                (BlockKind::Item, "Accounts posed as local voters."),
                (BlockKind::Item, "Clips were recycled."),
            ]
        );
    }

    #[test]
    fn page_title_loses_the_site_name() {
        assert_eq!(
            strip_site_name("A long story headline | Outlet"),
            "A long story headline"
        );
    }
}
