//! Import: turns a clipped article (plain text, or a saved HTML page) into a draft article for
//! review. Reading the clipping ([`html`], [`parse_text`]), dropping page furniture
//! ([`furniture`]) and writing the draft are separate steps; detection of countries and actors
//! is the extractor's (`extract_mentions`), so import never disagrees with a build.
//! Nothing here touches files: `cmd::import` reads and writes.

pub mod furniture;
pub mod html;

use chrono::NaiveDate;

use crate::extract::{Gazetteer, extract_mentions};
use crate::registry::{ActorKind, Registry};
use furniture::Furniture;

/// What a block of clipped text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    Heading,
    /// A list item of an HTML page.
    Item,
}

/// One paragraph, heading or list item of a clipping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    /// 1-6 for an HTML heading, 0 otherwise.
    pub level: u8,
    pub text: String,
    /// Every character of it is link text (a related-story or navigation link).
    pub all_link: bool,
}

impl Block {
    pub fn paragraph(text: &str) -> Block {
        Block {
            kind: BlockKind::Paragraph,
            level: 0,
            text: text.trim().to_string(),
            all_link: false,
        }
    }
}

/// A clipped page as read, before furniture is dropped.
#[derive(Debug, Clone, Default)]
pub struct Clipping {
    pub title: Option<String>,
    pub blocks: Vec<Block>,
    /// The outlet (`og:site_name`).
    pub source: Option<String>,
    /// The canonical URL.
    pub url: Option<String>,
    /// The publication date the page states.
    pub date: Option<NaiveDate>,
}

/// The draft article `import` writes: front matter values and body blocks.
#[derive(Debug, Clone)]
pub struct Draft {
    pub title: String,
    pub date: NaiveDate,
    pub source: Option<String>,
    pub url: Option<String>,
    /// Detected countries: (ISO code, name), sorted by code.
    pub countries: Vec<(String, String)>,
    /// Detected non-state actors: (id, name), sorted by id.
    pub actors: Vec<(String, String)>,
    pub blocks: Vec<Block>,
    /// The clipped file's name, recorded in a comment for the reviewer.
    pub imported_from: String,
}

/// Whether a file's text is an HTML page rather than plain text.
pub fn is_html(file_name: &str, text: &str) -> bool {
    let lower = file_name.to_lowercase();
    if lower.ends_with(".html") || lower.ends_with(".htm") || lower.ends_with(".xhtml") {
        return true;
    }
    let start: String = text
        .trim_start()
        .chars()
        .take(200)
        .collect::<String>()
        .to_lowercase();
    start.starts_with("<!doctype html") || start.starts_with("<html")
}

/// Plain text: one paragraph per line, or per blank-line-separated chunk when the text has blank
/// lines (hard-wrapped lines of a chunk are joined). The first line is the title when it reads
/// like a headline: at most 20 words and not ending like a sentence.
pub fn parse_text(text: &str, furniture: &Furniture) -> Clipping {
    let text = text.trim_start_matches('\u{feff}').replace("\r\n", "\n");
    let paragraphs: Vec<String> = if text.contains("\n\n") {
        text.split("\n\n")
            .map(|chunk| chunk.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect()
    } else {
        text.lines().map(|l| l.trim().to_string()).collect()
    };
    let mut blocks: Vec<Block> = paragraphs
        .iter()
        .filter(|p| !p.is_empty())
        .map(|p| Block::paragraph(p))
        .collect();
    let first_real = blocks
        .iter()
        .position(|b| furniture.matches(&b.text).is_none());
    let mut title = None;
    if let Some(i) = first_real {
        let first = &blocks[i].text;
        let headline = first.split_whitespace().count() <= 20
            && !first.trim_end().ends_with(['.', ',', ';', ':'])
            && blocks.len() > i + 1;
        if headline {
            title = Some(blocks.remove(i).text);
        }
    }
    Clipping {
        title,
        blocks,
        ..Clipping::default()
    }
}

/// Reads a clipped file's text, HTML or plain.
pub fn read(file_name: &str, text: &str, furniture: &Furniture) -> Clipping {
    if is_html(file_name, text) {
        html::parse(text)
    } else {
        parse_text(text, furniture)
    }
}

/// Drops the furniture, settles the title and date, and detects countries and actors in what is
/// kept (title included, as a build would see it).
pub fn draft(
    clipping: Clipping,
    file_name: &str,
    today: NaiveDate,
    registry: &Registry,
    furniture: &Furniture,
) -> Draft {
    let blocks = furniture::clean(clipping.blocks, furniture);
    let title = clipping
        .title
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| title_from_file_name(file_name));

    let mut texts: Vec<&str> = vec![&title];
    texts.extend(blocks.iter().map(|b| b.text.as_str()));
    let gazetteer = Gazetteer::new(registry);
    let mentions = extract_mentions(&texts, &gazetteer);
    let mut countries = Vec::new();
    let mut actors = Vec::new();
    for mention in &mentions {
        let Some(actor) = registry.actor(mention.actor) else {
            continue;
        };
        if actor.kind == ActorKind::State {
            if mention.how.names_country()
                && let Some(code) = &actor.country
            {
                countries.push((code.clone(), actor.name.clone()));
            }
        } else {
            actors.push((actor.id.clone(), actor.name.clone()));
        }
    }
    countries.sort();
    countries.dedup();
    actors.sort();
    actors.dedup();
    Draft {
        title,
        date: clipping.date.unwrap_or(today),
        source: clipping.source,
        url: clipping.url,
        countries,
        actors,
        blocks,
        imported_from: file_name.to_string(),
    }
}

/// "000_6eda3b05.txt" -> "000 6eda3b05": the fallback title, for the author to replace.
fn title_from_file_name(file_name: &str) -> String {
    let stem = std::path::Path::new(file_name)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let words = stem.replace(['_', '-', '.'], " ");
    let words = words.split_whitespace().collect::<Vec<_>>().join(" ");
    if words.is_empty() {
        "Imported article".to_string()
    } else {
        words
    }
}

impl Draft {
    /// The file name part after the date: the title's slug, cut at a word near 60 characters.
    pub fn slug(&self) -> String {
        let slug = slug::slugify(&self.title);
        let mut cut = String::new();
        for word in slug.split('-') {
            if !cut.is_empty() && cut.len() + word.len() >= 60 {
                break;
            }
            if !cut.is_empty() {
                cut.push('-');
            }
            cut.push_str(word);
        }
        if cut.is_empty() {
            "imported".to_string()
        } else {
            cut
        }
    }

    /// The article file: front matter with everything detected marked for review, then the body.
    pub fn to_article(&self) -> String {
        let mut out = String::from("+++\n");
        out.push_str(&format!(
            "# Imported by `dossier import` from {}. Review the title, date and the detected\n\
             # countries and actors below, then delete `draft = true` to publish.\n",
            self.imported_from.replace('\n', " ")
        ));
        out.push_str(&format!("title = {}\n", toml_string(&self.title)));
        out.push_str(&format!("date = {}\n", self.date.format("%Y-%m-%d")));
        if let Some(source) = &self.source {
            out.push_str(&format!("source = {}\n", toml_string(source)));
        }
        if let Some(url) = &self.url {
            out.push_str(&format!("url = {}\n", toml_string(url)));
        }
        out.push_str("draft = true\n");
        out.push_str(
            "# Detected in the text: keep what the article is about, remove passing mentions.\n",
        );
        out.push_str(&toml_list("countries", &self.countries));
        out.push_str(&toml_list("actors", &self.actors));
        out.push_str("+++\n");
        let mut previous = None;
        for block in &self.blocks {
            // Consecutive list items stay one tight list; everything else is its own block.
            if !(previous == Some(BlockKind::Item) && block.kind == BlockKind::Item) {
                out.push('\n');
            }
            previous = Some(block.kind);
            match block.kind {
                BlockKind::Heading => {
                    out.push_str("## ");
                    out.push_str(&block.text);
                }
                BlockKind::Item => {
                    out.push_str("- ");
                    out.push_str(&block.text);
                }
                BlockKind::Paragraph => out.push_str(&escape_block_start(&block.text)),
            }
            out.push('\n');
        }
        out
    }
}

/// A one-line TOML basic string (`"..."`), escaped, as a person would write it in front matter
/// (the toml crate would switch to `"""` strings for text with quotes in it).
pub fn toml_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `key = [ "ID", # Name ... ]`, one value a line with its name, or `key = []`.
fn toml_list(key: &str, values: &[(String, String)]) -> String {
    if values.is_empty() {
        return format!("{key} = []\n");
    }
    let mut out = format!("{key} = [\n");
    for (id, name) in values {
        out.push_str(&format!(
            "  {}, # {}\n",
            toml_string(id),
            name.replace('\n', " ")
        ));
    }
    out.push_str("]\n");
    out
}

/// A paragraph starting with `#`, `>`, `-`, `+`, `*` or `1.` would turn into another Markdown
/// block: escape its first character so it stays a paragraph.
fn escape_block_start(text: &str) -> String {
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    let after_digits = text[digits..].chars().next();
    let list_number = digits > 0 && matches!(after_digits, Some('.' | ')'));
    if list_number {
        return format!("{}\\{}", &text[..digits], &text[digits..]);
    }
    if text.starts_with(['#', '>', '-', '+', '*', '=', '|']) {
        return format!("\\{text}");
    }
    text.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headline_first_line_of_text_is_the_title() {
        let c = parse_text(
            "Troll farm moves to short video\nResearchers said so.\n",
            &Furniture::builtin(),
        );
        assert_eq!(c.title.as_deref(), Some("Troll farm moves to short video"));
        assert_eq!(c.blocks.len(), 1);
    }

    #[test]
    fn sentence_first_line_is_not_the_title() {
        let c = parse_text(
            "Researchers said the network grew.\nIt did.\n",
            &Furniture::builtin(),
        );
        assert_eq!(c.title, None);
        assert_eq!(c.blocks.len(), 2);
    }

    #[test]
    fn blank_line_separated_chunks_are_joined_into_paragraphs() {
        let c = parse_text(
            "Researchers said the network\ngrew quickly.\n\nIt did.\n",
            &Furniture::builtin(),
        );
        assert_eq!(
            c.blocks[0].text,
            "Researchers said the network grew quickly."
        );
    }

    #[test]
    fn file_name_becomes_title_when_nothing_better() {
        assert_eq!(title_from_file_name("000_6eda3b05.txt"), "000 6eda3b05");
    }

    #[test]
    fn toml_string_round_trips_quotes_backslashes_and_newlines() {
        let text = "Moscow's \"favourite\" C:\\path\nnext\u{7}";
        let line = format!("v = {}", toml_string(text));
        assert!(!line.contains("\"\"\""));
        let table: toml::Table = toml::from_str(&line).unwrap();
        assert_eq!(table["v"].as_str(), Some(text));
    }

    #[test]
    fn markdown_block_starts_are_escaped() {
        assert_eq!(escape_block_start("1. Not a list"), "1\\. Not a list");
        assert_eq!(escape_block_start("# not a heading"), "\\# not a heading");
    }
}
