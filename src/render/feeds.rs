//! Atom feeds (the site's, and one per country and per actor so a reader can follow just Iran or
//! just the IRGC), `sitemap.xml` and `robots.txt`. Timestamps come from the articles, never from
//! the clock, so output stays byte-identical between builds.

use super::OutputFile;
use super::views::Views;
use crate::config::Config;
use crate::escape::escape_html;

/// How many entries a feed carries.
const FEED_ENTRIES: usize = 30;

pub(super) fn render_feeds(views: &Views, config: &Config) -> Vec<OutputFile> {
    let digest = views.digest;
    let all: Vec<usize> = (0..digest.articles.len()).collect();
    let mut files = vec![
        file("atom.xml", atom(views, &config.title, "atom.xml", "", &all)),
        file("sitemap.xml", sitemap(views)),
        file(
            "robots.txt",
            format!(
                "User-agent: *\nAllow: /\nSitemap: {}\n",
                views.urls.absolute("sitemap.xml")
            ),
        ),
    ];
    for (id, links) in &digest.actors {
        let Some(actor) = digest.site.registry.actor(id) else {
            continue;
        };
        let page = views.urls.actor(actor);
        let path = views.urls.feed(&page);
        let title = format!("{} · {}", actor.name, config.title);
        // Articles it appears in, and those where it is the source of a claim: a reader who
        // follows the FBI wants what the FBI said too. Indices run newest first.
        let mut articles = links.articles.clone();
        articles.extend(links.made.iter().map(|&c| digest.claims[c].article));
        articles.sort_unstable();
        articles.dedup();
        let xml = atom(views, &title, &path, &page, &articles);
        files.push(file(&path, xml));
    }
    files
}

fn file(path: &str, content: String) -> OutputFile {
    OutputFile {
        path: path.to_string(),
        content: content.into_bytes(),
        source: None,
    }
}

/// An Atom 1.0 feed of the given articles (newest first), at `self_rel`, about the page `page_rel`.
pub(super) fn atom(
    views: &Views,
    title: &str,
    self_rel: &str,
    page_rel: &str,
    articles: &[usize],
) -> String {
    let urls = views.urls;
    let site = views.digest.site;
    let updated = articles
        .iter()
        .map(|&i| site.articles[i].published)
        .max()
        .map_or_else(
            || "1970-01-01T00:00:00+00:00".to_string(),
            |d| d.to_rfc3339(),
        );
    let mut xml = String::with_capacity(4096);
    xml.push_str(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"",
    );
    xml.push_str(&format!(
        " xml:lang=\"{}\">\n",
        escape_html(&site.config.language)
    ));
    xml.push_str(&format!("  <title>{}</title>\n", escape_html(title)));
    if !site.config.description.is_empty() {
        xml.push_str(&format!(
            "  <subtitle>{}</subtitle>\n",
            escape_html(&site.config.description)
        ));
    }
    xml.push_str(&format!(
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        escape_html(&urls.absolute(self_rel))
    ));
    xml.push_str(&format!(
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        escape_html(&urls.absolute(page_rel))
    ));
    xml.push_str(&format!(
        "  <id>{}</id>\n",
        escape_html(&urls.absolute(self_rel))
    ));
    xml.push_str(&format!("  <updated>{updated}</updated>\n"));
    xml.push_str(
        "  <generator uri=\"https://github.com/dossier-digest/dossier\">dossier</generator>\n",
    );
    if let Some(license) = &site.config.license {
        xml.push_str(&format!("  <rights>{}</rights>\n", escape_html(license)));
    }
    for &i in articles.iter().take(FEED_ENTRIES) {
        let article = &site.articles[i];
        let link = urls.absolute(&urls.article(&article.slug));
        xml.push_str("  <entry>\n");
        xml.push_str(&format!(
            "    <title>{}</title>\n",
            escape_html(&article.title)
        ));
        xml.push_str(&format!(
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            escape_html(&link)
        ));
        xml.push_str(&format!("    <id>{}</id>\n", escape_html(&link)));
        xml.push_str(&format!(
            "    <published>{}</published>\n",
            article.published.to_rfc3339()
        ));
        xml.push_str(&format!(
            "    <updated>{}</updated>\n",
            article.published.to_rfc3339()
        ));
        let authors: Vec<&str> = if article.authors.is_empty() {
            vec![site.config.title.as_str()]
        } else {
            article.authors.iter().map(String::as_str).collect()
        };
        for author in authors {
            xml.push_str(&format!(
                "    <author><name>{}</name></author>\n",
                escape_html(author)
            ));
        }
        for tag in &article.tags {
            xml.push_str(&format!("    <category term=\"{}\"/>\n", escape_html(tag)));
        }
        if let Some(summary) = &article.summary {
            xml.push_str(&format!(
                "    <summary>{}</summary>\n",
                escape_html(summary)
            ));
        }
        xml.push_str("  </entry>\n");
    }
    xml.push_str("</feed>\n");
    xml
}

fn sitemap(views: &Views) -> String {
    let digest = views.digest;
    let urls = views.urls;
    let mut entries: Vec<(String, Option<String>)> = vec![
        (String::new(), None),
        ("tags/".into(), None),
        ("countries/".into(), None),
        ("actors/".into(), None),
        ("claims/".into(), None),
        ("data/".into(), None),
    ];
    for article in &digest.site.articles {
        entries.push((urls.article(&article.slug), Some(article.date.to_string())));
    }
    for tag in digest.tags.keys() {
        entries.push((urls.tag(tag), None));
    }
    for id in digest.actors.keys() {
        if let Some(actor) = digest.site.registry.actor(id) {
            entries.push((urls.actor(actor), None));
        }
    }
    for claim in &digest.claims {
        entries.push((
            urls.claim(&claim.id),
            Some(digest.site.articles[claim.article].date.to_string()),
        ));
    }
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (rel, lastmod) in entries {
        xml.push_str(&format!(
            "  <url><loc>{}</loc>",
            escape_html(&urls.absolute(&rel))
        ));
        if let Some(d) = lastmod {
            xml.push_str(&format!("<lastmod>{d}</lastmod>"));
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}
