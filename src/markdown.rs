//! Markdown: the one place that parses article bodies. One parse gives extraction the prose as
//! plain text blocks, and gives the render the body's HTML with a note of where each prose text
//! event went in it; once the digest is linked, the render puts links and anchors into that
//! HTML at byte offsets of the same blocks, without parsing the body again.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::VecDeque;

use crate::escape::escape_html;
use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, TextMergeStream};
use pulldown_cmark_escape::escape_html_body_text;

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Follows the event stream and says which prose block (and offset within it) each text event
/// belongs to, and whether it is the text of a link. Code, raw HTML and image alt text are not
/// prose.
#[derive(Default)]
struct BlockTracker {
    blocks: usize,
    current: Option<(usize, usize)>,
    code_depth: usize,
    image_depth: usize,
    link_depth: usize,
}

impl BlockTracker {
    /// For a prose text event (or a line break, which counts as a space): its block, its offset
    /// in the block and the text it contributes.
    fn observe<'a>(&mut self, event: &'a Event) -> Option<(usize, usize, &'a str)> {
        match event {
            Event::Start(Tag::CodeBlock(_)) => self.code_depth += 1,
            Event::End(TagEnd::CodeBlock) => self.code_depth = self.code_depth.saturating_sub(1),
            Event::Start(Tag::Image { .. }) => self.image_depth += 1,
            Event::End(TagEnd::Image) => self.image_depth = self.image_depth.saturating_sub(1),
            Event::Start(Tag::Link { .. }) => self.link_depth += 1,
            Event::End(TagEnd::Link) => self.link_depth = self.link_depth.saturating_sub(1),
            Event::Start(tag) if is_block(tag) => self.current = None,
            Event::End(tag) if is_block_end(tag) => self.current = None,
            Event::Text(text) if self.code_depth == 0 && self.image_depth == 0 => {
                return Some(self.push(text));
            }
            Event::SoftBreak | Event::HardBreak if self.current.is_some() => {
                return Some(self.push(" "));
            }
            _ => {}
        }
        None
    }

    /// Whether the last event observed is inside a link (a mention there cannot be linked).
    fn in_link(&self) -> bool {
        self.link_depth > 0
    }

    fn push<'a>(&mut self, text: &'a str) -> (usize, usize, &'a str) {
        let (block, offset) = *self.current.get_or_insert_with(|| {
            self.blocks += 1;
            (self.blocks - 1, 0)
        });
        self.current = Some((block, offset + text.len()));
        (block, offset, text)
    }
}

fn is_block(tag: &Tag) -> bool {
    !matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Link { .. }
            | Tag::Image { .. }
            | Tag::Superscript
            | Tag::Subscript
    )
}

fn is_block_end(tag: &TagEnd) -> bool {
    !matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Link
            | TagEnd::Image
            | TagEnd::Superscript
            | TagEnd::Subscript
    )
}

/// The prose of a Markdown body as plain-text blocks (paragraphs, headings, list items, cells).
pub fn prose_blocks(markdown: &str) -> Vec<String> {
    prose(markdown).blocks
}

/// The prose of a body, and which parts of it are the text of links the author wrote: a
/// mention there cannot be linked to its actor's page, so the next one in the paragraph is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Prose {
    pub blocks: Vec<String>,
    /// Link texts as (block, start, end), in order.
    pub link_text: Vec<(usize, usize, usize)>,
}

impl Prose {
    /// Appends a prose text event's text at its place in its block.
    fn add(&mut self, block: usize, offset: usize, text: &str, in_link: bool) {
        if block == self.blocks.len() {
            self.blocks.push(String::new());
        }
        self.blocks[block].push_str(text);
        if in_link {
            let end = offset + text.len();
            match self.link_text.last_mut() {
                Some((b, _, e)) if *b == block && *e == offset => *e = end,
                _ => self.link_text.push((block, offset, end)),
            }
        }
    }
}

/// Splits a body into [`Prose`].
pub fn prose(markdown: &str) -> Prose {
    run_parse(markdown, "/", Notes::PROSE).prose
}

/// Something to put into the rendered text at a byte range of a prose block. Its HTML is made
/// once, escaped, by [`link_open`] or [`DecorationKind::anchor`]: an article links
/// the same actors paragraph after paragraph, and a digest has hundreds of thousands of links.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoration<'d> {
    pub block: usize,
    pub start: usize,
    pub end: usize,
    pub kind: DecorationKind<'d>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecorationKind<'d> {
    /// Wrap the range in a link (an actor mention); `open` is the opening tag, unless the
    /// range's words are `if_named`'s name.
    Link {
        open: Cow<'d, str>,
        if_named: Option<IfNamed<'d>>,
    },
    /// Put an anchor before the range (a claim's permalink target); `html` is the whole anchor.
    Anchor { html: Cow<'d, str> },
}

/// A link's opening tag for a range whose words are exactly the linked name: a mention that
/// says "Russia" needs no title "Russia", where "Moscow" does. The words are compared as the
/// page is rendered, while they are at hand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IfNamed<'d> {
    pub name: &'d str,
    pub open: &'d str,
}

impl DecorationKind<'_> {
    /// A pilcrow anchor with the given id, linking to `href`.
    pub fn anchor(id: &str, href: &str, title: &str) -> DecorationKind<'static> {
        DecorationKind::Anchor {
            html: Cow::Owned(format!(
                "<a class=\"claim-anchor\" id=\"{}\" href=\"{}\" title=\"{}\">¶</a>",
                escape_html(id),
                escape_html(href),
                escape_html(title)
            )),
        }
    }
}

/// The opening tag of a link, with a tooltip when there is a `title`:
/// `<a class="{class}" href=".." title="..">`.
pub fn link_open(href: &str, title: Option<&str>, class: &str) -> String {
    match title {
        Some(title) => format!(
            "<a class=\"{class}\" href=\"{}\" title=\"{}\">",
            escape_html(href),
            escape_html(title)
        ),
        None => format!("<a class=\"{class}\" href=\"{}\">", escape_html(href)),
    }
}

/// A body parsed once: its prose for extraction, and its HTML for the render.
#[derive(Debug, Clone, Default)]
pub struct Parsed {
    pub prose: Prose,
    pub body: Prerendered,
}

/// A body rendered to HTML without decorations, and where each prose text event of it went:
/// decorations found later are put into the HTML without parsing the Markdown again.
#[derive(Debug, Clone, Default)]
pub struct Prerendered {
    html: String,
    runs: Vec<Run>,
    headings: Vec<(u8, String, String)>,
    has_raw_html: bool,
    /// The base path root-relative links were given.
    base_path: Box<str>,
}

impl Prerendered {
    /// Whether its links were given this base path.
    pub fn has_base_path(&self, base_path: &str) -> bool {
        *self.base_path == *base_path
    }
}

/// A prose text event: its place in its block, and the bytes of the HTML it became (its text,
/// escaped as the HTML writer escapes text). A body has a hundred or so, and a digest keeps
/// every body's until its page is rendered: hence the 32-bit offsets.
#[derive(Debug, Clone, Copy)]
struct Run {
    block: u32,
    offset: u32,
    len: u32,
    html_start: u32,
    html_end: u32,
    in_link: bool,
}

/// A rendered body and what the rest of the pipeline needs to know about it.
#[derive(Debug, Clone, Default)]
pub struct RenderedBody {
    pub html: String,
    /// Headings as (level, id, text), for a table of contents.
    pub headings: Vec<(u8, String, String)>,
}

/// Parses a body once, for both its prose and its HTML. Root-relative links (`/articles/x/`)
/// are prefixed with `base_path` so sub-path sites work.
pub fn parse(markdown: &str, base_path: &str) -> Parsed {
    run_parse(markdown, base_path, Notes::ALL)
}

/// The HTML of a body nothing will be extracted from, and no decoration put into.
pub fn prerender(markdown: &str, base_path: &str) -> Prerendered {
    run_parse(markdown, base_path, Notes::NONE).body
}

/// What a parse notes besides the HTML.
#[derive(Clone, Copy)]
struct Notes {
    prose: bool,
    runs: bool,
}

impl Notes {
    /// For extraction and decorations.
    const ALL: Notes = Notes {
        prose: true,
        runs: true,
    };
    /// For extraction alone (`dossier extract`).
    const PROSE: Notes = Notes {
        prose: true,
        runs: false,
    };
    /// For the HTML alone.
    const NONE: Notes = Notes {
        prose: false,
        runs: false,
    };
}

fn run_parse(markdown: &str, base_path: &str, notes: Notes) -> Parsed {
    let out = RefCell::new(String::with_capacity(markdown.len() * 3 / 2));
    let mut stream = Prerender {
        source: TextMergeStream::new(Parser::new_ext(markdown, options())),
        out: &out,
        tracker: BlockTracker::default(),
        base_path,
        has_raw_html: false,
        heading_start: None,
        heading_text: String::new(),
        queue: VecDeque::new(),
        used_ids: Vec::new(),
        headings: Vec::new(),
        notes,
        prose: Prose::default(),
        runs: Vec::new(),
        handed: None,
    };
    pulldown_cmark::html::write_html_fmt(SharedOut(&out), &mut stream)
        .expect("writing to a String cannot fail");
    stream.close_run();
    Parsed {
        prose: stream.prose,
        body: Prerendered {
            html: out.take(),
            runs: stream.runs,
            headings: stream.headings,
            has_raw_html: stream.has_raw_html,
            base_path: base_path.into(),
        },
    }
}

/// Puts decorations (sorted by block and start) into the prose of a prerendered body: the HTML
/// is copied, and only the text events that get a decoration are written anew.
pub fn decorate_body(
    body: &Prerendered,
    decorations: &[Decoration],
    sanitize: bool,
) -> RenderedBody {
    // Room for the tags the decorations add, so the page is not copied as it grows.
    let decorated: usize = decorations
        .iter()
        .map(|d| match &d.kind {
            DecorationKind::Link { open, .. } => open.len() + "</a>".len(),
            DecorationKind::Anchor { html } => html.len(),
        })
        .sum();
    let source = &body.html;
    let mut html = String::with_capacity(source.len() + decorated);
    let mut copied = 0;
    let mut next = 0;
    for run in &body.runs {
        let (block, offset) = (run.block as usize, run.offset as usize);
        while next < decorations.len()
            && (decorations[next].block, decorations[next].start) < (block, offset)
        {
            next += 1;
        }
        let mut i = next;
        while i < decorations.len()
            && decorations[i].block == block
            && decorations[i].start < offset + run.len as usize
        {
            i += 1;
        }
        if i > next {
            let (start, end) = (run.html_start as usize, run.html_end as usize);
            html.push_str(&source[copied..start]);
            let text = unescape_body_text(&source[start..end]);
            copied = if decorate(&text, offset, &decorations[next..i], run.in_link, &mut html) {
                end
            } else {
                start
            };
        }
        next = i;
    }
    html.push_str(&source[copied..]);
    if body.has_raw_html && sanitize {
        html = sanitizer().clean(&html).to_string();
    }
    RenderedBody {
        html,
        headings: body.headings.clone(),
    }
}

/// The HTML writer's output, which [`Prerender`] reads the length of as well.
struct SharedOut<'o>(&'o RefCell<String>);

impl std::fmt::Write for SharedOut<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.borrow_mut().push_str(s);
        Ok(())
    }
}

/// The events of a body as the HTML writer pulls them, with links rebased, and the prose and
/// its text runs noted on the way. Events pass straight through, except a heading's, which
/// wait in `queue` until its text gives it an id: a body's events are never all held at once.
struct Prerender<'a, 'o, I> {
    source: I,
    /// The writer's output: the writer has written every event handed to it when it asks for
    /// the next, so the output's length then is where the last one's HTML ends.
    out: &'o RefCell<String>,
    tracker: BlockTracker,
    base_path: &'a str,
    has_raw_html: bool,
    /// Where the open heading's events begin in `queue`.
    heading_start: Option<usize>,
    /// The open heading's text and code, for its id.
    heading_text: String,
    /// Events waiting for the writer, each prose text event with its run.
    queue: VecDeque<(Event<'a>, Option<Run>)>,
    used_ids: Vec<String>,
    headings: Vec<(u8, String, String)>,
    notes: Notes,
    prose: Prose,
    runs: Vec<Run>,
    /// The run of the text event last handed to the writer.
    handed: Option<Run>,
}

impl<'a, I: Iterator<Item = Event<'a>>> Iterator for Prerender<'a, '_, I> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        self.close_run();
        loop {
            if self.heading_start.is_none()
                && let Some(waiting) = self.queue.pop_front()
            {
                return Some(self.hand(waiting));
            }
            match self.source.next() {
                Some(event) => self.take(event),
                None => return self.queue.pop_front().map(|waiting| self.hand(waiting)),
            }
        }
    }
}

impl<'a, I> Prerender<'a, '_, I> {
    /// Gives the writer an event, noting where a text run's HTML starts.
    fn hand(&mut self, (event, run): (Event<'a>, Option<Run>)) -> Event<'a> {
        self.handed = run.map(|run| Run {
            html_start: self.out.borrow().len() as u32,
            ..run
        });
        event
    }

    /// Notes where the HTML of the text event last handed to the writer ends.
    fn close_run(&mut self) {
        if let Some(run) = self.handed.take() {
            self.runs.push(Run {
                html_end: self.out.borrow().len() as u32,
                ..run
            });
        }
    }

    /// Puts what one source event becomes at the end of the queue.
    fn take(&mut self, event: Event<'a>) {
        let mut run = None;
        if let Some((block, offset, text)) = self.tracker.observe(&event) {
            let in_link = self.tracker.in_link();
            if self.notes.prose {
                self.prose.add(block, offset, text, in_link);
            }
            if self.notes.runs
                && let Event::Text(_) = event
            {
                run = Some(Run {
                    block: block as u32,
                    offset: offset as u32,
                    len: text.len() as u32,
                    html_start: 0,
                    html_end: 0,
                    in_link,
                });
            }
        }
        if self.heading_start.is_some()
            && let Event::Text(text) | Event::Code(text) = &event
        {
            self.heading_text.push_str(text);
        }
        let out = &mut self.queue;
        match event {
            Event::Start(Tag::Heading { .. }) => {
                self.heading_start = Some(out.len());
                out.push_back((event, None));
            }
            Event::End(TagEnd::Heading(level)) => {
                if let Some(start) = self.heading_start.take() {
                    let text = std::mem::take(&mut self.heading_text);
                    finish_heading(
                        &mut out[start].0,
                        text,
                        level,
                        &mut self.used_ids,
                        &mut self.headings,
                    );
                }
                out.push_back((event, None));
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = rebase(dest_url, self.base_path);
                let link = Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                };
                out.push_back((Event::Start(link), None));
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = rebase(dest_url, self.base_path);
                let image = Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                };
                out.push_back((Event::Start(image), None));
            }
            Event::Html(_) | Event::InlineHtml(_) => {
                self.has_raw_html = true;
                out.push_back((event, None));
            }
            other => out.push_back((other, run)),
        }
    }
}

/// Writes one text event's text with the decorations that fall inside it, escaped as the HTML
/// writer escapes text; writes nothing, and says so, when none of them can be placed.
fn decorate(
    text: &str,
    offset: usize,
    here: &[Decoration],
    in_link: bool,
    html: &mut String,
) -> bool {
    let mut placed = false;
    let mut pos = 0usize;
    // Most prose has no `& < >`: then its pieces go in as they are, without an escaping pass
    // per piece (a dozen pieces per paragraph, a few words each).
    let plain = memchr::memchr3(b'&', b'<', b'>', text.as_bytes()).is_none();
    let push_piece = |html: &mut String, piece: &str| {
        if plain {
            html.push_str(piece);
        } else {
            push_text(html, piece);
        }
    };
    for d in here {
        let (start, end) = (d.start - offset.min(d.start), d.end.saturating_sub(offset));
        if d.start < offset
            || start < pos
            || end > text.len()
            || !text.is_char_boundary(start)
            || !text.is_char_boundary(end)
        {
            continue;
        }
        let (tag, close) = match &d.kind {
            DecorationKind::Link { open, if_named } if !in_link => {
                let tag = match if_named {
                    Some(named) if named.name == &text[start..end] => named.open,
                    _ => open,
                };
                (tag, Some(end))
            }
            DecorationKind::Anchor { html } => (&**html, None),
            DecorationKind::Link { .. } => continue,
        };
        if !placed {
            html.reserve(text.len() + here.len() * (tag.len() + "</a>".len()));
            placed = true;
        }
        push_piece(html, &text[pos..start]);
        html.push_str(tag);
        pos = start;
        if let Some(end) = close {
            push_piece(html, &text[start..end]);
            html.push_str("</a>");
            pos = end;
        }
    }
    if placed {
        push_piece(html, &text[pos..]);
    }
    placed
}

/// Appends text escaped as pulldown-cmark's HTML writer escapes a text event.
fn push_text(html: &mut String, text: &str) {
    escape_html_body_text(&mut *html, text).expect("writing to a String cannot fail");
}

/// The text that [`push_text`] escaped into `html`: it writes `&`, `<` and `>` as entities,
/// and every other character as it is.
fn unescape_body_text(html: &str) -> Cow<'_, str> {
    if !html.contains('&') {
        return Cow::Borrowed(html);
    }
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(amp) = rest.find('&') {
        text.push_str(&rest[..amp]);
        let entity = &rest[amp..];
        let (c, len) = [("&amp;", '&'), ("&lt;", '<'), ("&gt;", '>')]
            .into_iter()
            .find(|(name, _)| entity.starts_with(name))
            .map_or(('&', 1), |(name, c)| (c, name.len()));
        text.push(c);
        rest = &entity[len..];
    }
    text.push_str(rest);
    Cow::Owned(text)
}

/// Gives a heading a unique id from its text (and inline code) unless it has one
/// (`## Title {#id}`).
fn finish_heading(
    start: &mut Event,
    text: String,
    level: HeadingLevel,
    used: &mut Vec<String>,
    headings: &mut Vec<(u8, String, String)>,
) {
    if let Event::Start(Tag::Heading { id, .. }) = start {
        let base = id
            .as_ref()
            .map_or_else(|| slug::slugify(&text), |i| i.to_string());
        let base = if base.is_empty() {
            "section".to_string()
        } else {
            base
        };
        let mut unique = base.clone();
        let mut n = 1;
        while used.contains(&unique) {
            n += 1;
            unique = format!("{base}-{n}");
        }
        used.push(unique.clone());
        *id = Some(CowStr::from(unique.clone()));
        headings.push((level as u8, unique, text));
    }
}

fn rebase<'a>(url: CowStr<'a>, base_path: &str) -> CowStr<'a> {
    if url.starts_with('/') && !url.starts_with("//") && base_path != "/" {
        CowStr::from(format!("{}{}", base_path.trim_end_matches('/'), url))
    } else {
        url
    }
}

fn sanitizer() -> ammonia::Builder<'static> {
    let mut builder = ammonia::Builder::default();
    builder
        .add_generic_attributes(["id", "class", "title"])
        .link_rel(None);
    builder
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Renders Markdown to HTML with decorations (sorted by block and start) placed in the prose.
    fn render(
        markdown: &str,
        decorations: &[Decoration],
        base_path: &str,
        sanitize: bool,
    ) -> RenderedBody {
        decorate_body(&parse(markdown, base_path).body, decorations, sanitize)
    }

    #[test]
    fn prose_blocks_skip_code_and_urls_and_split_paragraphs() {
        let md = "# Head\n\nMoscow said [Iran](https://iran.example/x) acts.\n\n```\nRussia\n```\n\n- one\n- two `code`\n";
        let blocks = prose_blocks(md);
        assert_eq!(
            blocks,
            vec!["Head", "Moscow said Iran acts.", "one", "two "]
        );
    }

    #[test]
    fn prose_knows_which_text_is_a_links() {
        let md = "See [the *GRU* site](https://x.example/) and [RT](/r/).\n\n[Iran](/i/) too.\n";
        let p = prose(md);
        assert_eq!(p.blocks, vec!["See the GRU site and RT.", "Iran too."]);
        let texts: Vec<&str> = p
            .link_text
            .iter()
            .map(|&(b, s, e)| &p.blocks[b][s..e])
            .collect();
        assert_eq!(texts, ["the GRU site", "RT", "Iran"]);
    }

    #[test]
    fn decorations_land_on_the_offsets_of_prose_blocks() {
        let md = "Intro.\n\nThe *bold* claim: Moscow prefers Trump.\n";
        let blocks = prose_blocks(md);
        let start = blocks[1].find("Moscow").unwrap();
        let decorations = vec![
            Decoration {
                block: 1,
                start,
                end: start,
                kind: DecorationKind::anchor("c1", "/claims/c1/", "claim"),
            },
            Decoration {
                block: 1,
                start,
                end: start + 6,
                kind: DecorationKind::Link {
                    open: link_open("/actors/russia/", Some("Russia"), "mention").into(),
                    if_named: None,
                },
            },
        ];
        let html = render(md, &decorations, "/", true).html;
        assert!(
            html.contains("<a class=\"claim-anchor\" id=\"c1\""),
            "{html}"
        );
        assert!(
            html.contains(
                "<a class=\"mention\" href=\"/actors/russia/\" title=\"Russia\">Moscow</a> prefers"
            ),
            "{html}"
        );
    }

    #[test]
    fn decorated_text_is_escaped_and_a_decorated_heading_keeps_its_text() {
        let md = "## Moscow & `code` <b>\n\nA&B: Moscow < Kyiv.\n";
        let blocks = prose_blocks(md);
        let link = |block: usize, word: &str| {
            let start = blocks[block].find(word).unwrap();
            Decoration {
                block,
                start,
                end: start + word.len(),
                kind: DecorationKind::Link {
                    open: link_open("/countries/russia/", Some("Russia"), "mention").into(),
                    if_named: None,
                },
            }
        };
        let decorations = vec![
            link(0, "Moscow"),
            Decoration {
                block: 1,
                start: 0,
                end: 0,
                kind: DecorationKind::anchor("c1", "/claims/c1/", "claim"),
            },
            link(1, "Moscow"),
        ];
        let body = render(md, &decorations, "/", false);
        let open = "<a class=\"mention\" href=\"/countries/russia/\" title=\"Russia\">";
        assert!(
            body.html.contains(&format!(
                "<p><a class=\"claim-anchor\" id=\"c1\" href=\"/claims/c1/\" title=\"claim\">¶</a>A&amp;B: {open}Moscow</a> &lt; Kyiv.</p>"
            )),
            "{}",
            body.html
        );
        assert!(
            body.html.contains(&format!(
                "<h2 id=\"moscow-code\">{open}Moscow</a> &amp; <code>code</code> <b></h2>"
            )),
            "{}",
            body.html
        );
        assert_eq!(
            body.headings,
            vec![(2, "moscow-code".to_string(), "Moscow & code ".to_string())]
        );
    }

    #[test]
    fn a_link_whose_words_are_the_name_takes_the_untitled_tag() {
        let md = "Russia and Moscow.\n";
        let blocks = prose_blocks(md);
        let titled = link_open("/countries/russia/", Some("Russia"), "mention");
        let untitled = link_open("/countries/russia/", None, "mention");
        let link = |word: &str| {
            let start = blocks[0].find(word).unwrap();
            Decoration {
                block: 0,
                start,
                end: start + word.len(),
                kind: DecorationKind::Link {
                    open: titled.as_str().into(),
                    if_named: Some(IfNamed {
                        name: "Russia",
                        open: &untitled,
                    }),
                },
            }
        };
        let body = render(md, &[link("Russia"), link("Moscow")], "/", false);
        assert_eq!(
            body.html,
            format!("<p>{untitled}Russia</a> and {titled}Moscow</a>.</p>\n")
        );
    }

    #[test]
    fn decorated_text_before_a_nested_list_keeps_the_newline_the_writer_puts_there() {
        // The line break before "Russia" ends the output in a newline; the decorated text that
        // follows must leave the writer knowing it no longer does, or `<ul>` loses its line.
        let md = "- x\n  Russia\n  - y\n";
        let blocks = prose_blocks(md);
        let start = blocks[0].find("Russia").unwrap();
        let decorations = [Decoration {
            block: 0,
            start,
            end: start + 6,
            kind: DecorationKind::Link {
                open: link_open("/countries/russia/", None, "mention").into(),
                if_named: None,
            },
        }];
        let html = render(md, &decorations, "/", false).html;
        assert_eq!(
            html,
            "<ul>\n<li>x\n<a class=\"mention\" href=\"/countries/russia/\">Russia</a>\n<ul>\n<li>y</li>\n</ul>\n</li>\n</ul>\n"
        );
        assert_eq!(
            html.replace("<a class=\"mention\" href=\"/countries/russia/\">", "")
                .replace("</a>", ""),
            render(md, &[], "/", false).html
        );
    }

    #[test]
    fn escaped_text_reads_back_as_written() {
        for text in [
            "plain",
            "A&B < C > D",
            "&amp; &lt; & &",
            "“Moscow” & Kyiv’s <b>",
        ] {
            let mut html = String::new();
            push_text(&mut html, text);
            assert_eq!(unescape_body_text(&html), text);
        }
    }

    #[test]
    fn a_parse_gives_the_same_prose_and_html_whatever_it_notes() {
        let md = "# Moscow & Kyiv\n\nSee [RT](/rt/) and *Russia* < Iran.\n\n```\nRussia\n```\n";
        let parsed = parse(md, "/sub/");
        assert_eq!(parsed.prose, prose(md));
        assert!(parsed.body.has_base_path("/sub/") && !parsed.body.has_base_path("/"));
        let plain = prerender(md, "/sub/");
        assert_eq!(plain.html, parsed.body.html);
        assert_eq!(decorate_body(&parsed.body, &[], false).html, plain.html);
        assert!(plain.html.contains("href=\"/sub/rt/\""));
        // Without headings or links to rewrite, the HTML is pulldown-cmark's own.
        let simple = "Moscow & *Kyiv* < Iran.\n\n- a\n- b\n";
        let mut expected = String::new();
        pulldown_cmark::html::push_html(&mut expected, Parser::new_ext(simple, options()));
        assert_eq!(prerender(simple, "/").html, expected);
    }

    #[test]
    fn headings_get_unique_ids_and_root_links_get_the_base_path() {
        let md = "## Background\n\n## Background\n\nSee [x](/articles/x/).";
        let body = render(md, &[], "/digest/", true);
        assert!(body.html.contains("<h2 id=\"background\">"));
        assert!(body.html.contains("<h2 id=\"background-2\">"));
        assert!(body.html.contains("href=\"/digest/articles/x/\""));
    }

    #[test]
    fn raw_html_is_sanitised() {
        let body = render(
            "Hi <script>alert(1)</script><b onclick=\"x()\">b</b>",
            &[],
            "/",
            true,
        );
        assert!(!body.html.contains("<script"));
        assert!(!body.html.contains("onclick"));
    }
}
