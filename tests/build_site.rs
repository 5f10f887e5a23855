//! `dossier build` on fixture sites: the pages, links, errors and guarantees a user relies on.

mod common;

use common::{TestSite, stderr_of as stderr, tree};

#[test]
fn every_page_kind_is_produced() {
    let site = TestSite::from_fixture("basic");
    let out = site.build();
    for page in [
        "index.html",
        "page/2/index.html",
        "articles/tehran-hack/index.html",
        "articles/moscow-preference/index.html",
        "tags/index.html",
        "tags/russia/index.html",
        "countries/index.html",
        "actors/index.html",
        "claims/index.html",
        "404.html",
        "atom.xml",
        "sitemap.xml",
        "robots.txt",
        "style.css",
        "data/articles.json",
    ] {
        assert!(site.exists(page), "missing {page}");
    }
    let summary = stderr(&out);
    assert!(summary.contains("3 articles"), "summary line: {summary}");
    assert!(summary.contains(" pages"), "summary line: {summary}");
}

#[test]
fn home_page_paginates_newest_first() {
    let site = TestSite::from_fixture("basic");
    site.build();
    let home = site.read("index.html");
    let newest = home
        .find("Beijing rejects the notion")
        .expect("newest article on page 1");
    let next = home
        .find("Moscow&#39;s preference")
        .expect("second newest on page 1");
    assert!(next > newest, "newest first");
    assert!(!home.contains("Tehran"), "page 1 holds two articles");
    assert!(home.contains("href=\"/page/2/\""));
    assert!(
        site.read("page/2/index.html")
            .contains("hackers and the campaign")
    );
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let site = TestSite::from_fixture("basic");
    site.build();
    assert!(!site.exists("articles/draft-note/index.html"));
    let out = site.dossier(&["build", "--drafts"]);
    assert!(out.status.success());
    assert!(site.exists("articles/draft-note/index.html"));
}

#[test]
fn article_page_renders_markdown_features_and_front_matter() {
    let site = TestSite::from_fixture("basic");
    site.build();
    let page = site.read("articles/moscow-preference/index.html");
    assert!(page.contains("<table>"), "tables");
    assert!(page.contains("footnote-definition"), "footnotes");
    let page = site.read("articles/tehran-hack/index.html");
    assert!(page.contains("<h2 id=\"what-happened\">"), "heading ids");
    assert!(page.contains("</a>’s "), "smart punctuation");
    assert!(page.contains("Fixture desk") && page.contains("https://example.com/report"));
    assert!(page.contains("Test Author"));
    assert!(page.contains("href=\"/tags/hack-and-leak/\""));
}

#[test]
fn internal_links_all_resolve_to_built_files() {
    let site = TestSite::from_fixture("basic");
    site.build();
    let files = tree(&site.root().join("public"));
    for (path, bytes) in files
        .iter()
        .filter(|(p, _)| p.extension().is_some_and(|e| e == "html"))
    {
        let html = String::from_utf8_lossy(bytes);
        for (i, _) in html.match_indices("href=\"/") {
            let target = &html[i + 6..];
            let target = &target[..target.find('"').unwrap()];
            let target = target.split('#').next().unwrap().trim_start_matches('/');
            let file = if target.is_empty() || target.ends_with('/') {
                format!("{target}index.html")
            } else {
                target.to_string()
            };
            assert!(
                files.contains_key(std::path::Path::new(&file)),
                "{} links to missing {target}",
                path.display()
            );
        }
    }
}

#[test]
fn markdown_link_to_a_missing_page_fails_naming_the_source_file() {
    let site = TestSite::from_fixture("basic");
    site.build();
    let before = tree(&site.root().join("public"));
    site.write(
        "content/articles/dangling.md",
        "+++\ntitle = \"Dangling\"\ndate = 2024-01-01\n+++\nSee [gone](/articles/nowhere/).\n",
    );
    let err = site.failed_build();
    assert!(err.contains("content/articles/dangling.md"), "{err}");
    assert!(err.contains("/articles/nowhere/"), "{err}");
    // Pages are written as they are rendered, before the links are checked: into a temporary
    // folder that the failed build removes, never into the output.
    assert_eq!(
        before,
        tree(&site.root().join("public")),
        "output untouched"
    );
    let left: Vec<String> = std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains("dossier-"))
        .collect();
    assert!(left.is_empty(), "temporary folders left behind: {left:?}");
}

#[test]
fn broken_articles_are_all_reported_and_previous_output_is_kept() {
    let site = TestSite::from_fixture("basic");
    site.build();
    let before = tree(&site.root().join("public"));
    site.write(
        "content/articles/bad-toml.md",
        "+++\ntitle = \"Unclosed\ndate = 2024-01-01\n+++\nBody\n",
    );
    site.write(
        "content/articles/no-title.md",
        "+++\ndate = 2024-01-01\n+++\nBody\n",
    );
    site.write(
        "content/articles/bad-date.md",
        "+++\ntitle = \"Bad date\"\ndate = \"last Tuesday\"\n+++\nBody\n",
    );
    let err = site.failed_build();
    assert!(err.contains("content/articles/bad-toml.md:2:"), "{err}");
    assert!(err.contains("content/articles/no-title.md:"), "{err}");
    assert!(err.contains("missing field `title`"), "{err}");
    assert!(err.contains("content/articles/bad-date.md:3:8"), "{err}");
    assert!(err.contains("RFC 3339"), "says what was expected: {err}");
    assert_eq!(
        before,
        tree(&site.root().join("public")),
        "previous output untouched"
    );
}

#[test]
fn two_builds_of_the_same_site_are_byte_identical() {
    let site = TestSite::from_fixture("basic");
    assert!(site.dossier(&["build", "--output", "one"]).status.success());
    assert!(site.dossier(&["build", "--output", "two"]).status.success());
    let one = tree(&site.root().join("one"));
    assert!(one.len() > 20);
    assert_eq!(one, tree(&site.root().join("two")));
}

#[test]
fn script_in_a_title_is_escaped_everywhere_it_appears() {
    let site = TestSite::from_fixture("basic");
    site.write(
        "content/articles/evil.md",
        "+++\ntitle = \"<script>alert(1)</script> & co\"\ndate = 2024-12-01\nsummary = \"<img src=x onerror=alert(2)>\"\ntags = [\"x\"]\n+++\nBody.\n",
    );
    site.build();
    let files = tree(&site.root().join("public"));
    let mut seen = 0;
    for (path, bytes) in &files {
        let text = String::from_utf8_lossy(bytes);
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or_default();
        if ext == "html" || ext == "xml" {
            assert!(
                !text.contains("<script>alert"),
                "raw script in {}",
                path.display()
            );
            assert!(
                !text.contains("<img src=x"),
                "raw img in {}",
                path.display()
            );
            seen += text.contains("&lt;script&gt;alert(1)") as usize;
        }
    }
    assert!(
        seen >= 4,
        "escaped title appears on article, home, tag pages and feed ({seen})"
    );
}

#[test]
fn base_url_with_a_sub_path_prefixes_every_link() {
    let site = TestSite::from_fixture("basic");
    site.write(
        "dossier.toml",
        "title = \"Sub\"\nbase_url = \"https://example.org/digest/\"\n",
    );
    site.build();
    let home = site.read("index.html");
    assert!(home.contains("href=\"/digest/style.css\""));
    assert!(home.contains("href=\"/digest/articles/beijing-denial/\""));
    assert!(
        !home.contains("href=\"/articles/"),
        "no link escapes the sub-path"
    );
    let article = site.read("articles/tehran-hack/index.html");
    assert!(
        article.contains("href=\"/digest/articles/moscow-preference/\""),
        "markdown links too"
    );
    let feed = site.read("atom.xml");
    assert!(feed.contains("https://example.org/digest/articles/beijing-denial/"));
    assert!(
        site.read("sitemap.xml")
            .contains("<loc>https://example.org/digest/articles/tehran-hack/</loc>")
    );
}

#[test]
fn a_base_url_given_on_the_command_line_reaches_links_in_article_bodies() {
    // The body is parsed once, before the render: the links written in it and the mentions
    // linked into it must both get the base path of the command line, not the config's.
    let site = TestSite::from_fixture("basic");
    let out = site.dossier(&["build", "--base-url", "https://example.org/elsewhere/"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let article = site.read("articles/tehran-hack/index.html");
    assert!(
        article.contains("href=\"/elsewhere/articles/moscow-preference/\""),
        "the body's own link"
    );
    assert!(
        article.contains("<a class=\"mention\" href=\"/elsewhere/"),
        "a mention's link"
    );
    assert!(!article.contains("href=\"/articles/"), "nothing left at /");
}

#[test]
fn output_folder_may_not_be_the_site_or_its_sources() {
    let site = TestSite::from_fixture("basic");
    for bad in [
        ".",
        "content",
        "templates",
        "static",
        "..",
        "content/public",
    ] {
        let out = site.dossier(&["build", "--output", bad]);
        assert_eq!(out.status.code(), Some(1), "--output {bad} must be refused");
        assert!(stderr(&out).contains("output folder"), "{}", stderr(&out));
    }
    assert!(site.root().join("content/articles/tehran-hack.md").exists());
    assert!(site.root().join("dossier.toml").exists());
}

#[test]
fn a_build_never_writes_into_content() {
    let site = TestSite::from_fixture("basic");
    let before = tree(&site.root().join("content"));
    site.build();
    assert_eq!(before, tree(&site.root().join("content")));
}

#[test]
fn two_articles_with_the_same_slug_fail_naming_both_files() {
    let site = TestSite::from_fixture("basic");
    site.write(
        "content/articles/other/tehran-hack.md",
        "+++\ntitle = \"Twin\"\ndate = 2024-01-01\n+++\nBody\n",
    );
    let err = site.failed_build();
    assert!(
        err.contains("content/articles/tehran-hack.md")
            && err.contains("content/articles/other/tehran-hack.md"),
        "{err}"
    );
}

#[test]
fn unknown_config_keys_are_errors_with_a_location() {
    let site = TestSite::from_fixture("basic");
    site.write(
        "dossier.toml",
        "title = \"T\"\nbase_url = \"https://e.org/\"\npaginatee = 3\n",
    );
    let err = site.failed_build();
    assert!(err.contains("dossier.toml:3:1"), "{err}");
    assert!(err.contains("paginatee"), "{err}");
}

#[test]
fn warnings_fail_the_build_only_under_strict() {
    let site = TestSite::from_fixture("basic");
    site.write(
        "content/articles/odd-tag.md",
        "+++\ntitle = \"Odd\"\ndate = 2024-01-01\ntags = [\"Odd Tag\"]\nsummary = \"\"\n+++\nBody\n",
    );
    let out = site.dossier(&["build"]);
    assert!(out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("warning[tag-spelling]") && err.contains("warning[empty-summary]"),
        "{err}"
    );
    assert!(site.exists("tags/odd-tag/index.html"));
    let out = site.dossier(&["build", "--strict"]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn raw_html_in_articles_is_sanitised() {
    let site = TestSite::from_fixture("basic");
    site.write(
        "content/articles/raw.md",
        "+++\ntitle = \"Raw\"\ndate = 2024-01-01\n+++\nText <script>steal()</script> and <b onclick=\"x()\">bold</b>.\n",
    );
    site.build();
    let page = site.read("articles/raw/index.html");
    assert!(!page.contains("<script>steal"), "script removed");
    assert!(!page.contains("onclick"));
    assert!(page.contains("<b>bold</b>"));
}

#[test]
fn a_site_template_overrides_the_built_in_one_by_name() {
    let site = TestSite::from_fixture("basic");
    site.write("templates/404.html", "{% extends \"base.html\" %}{% block content %}<p>Custom lost page</p>{% endblock content %}");
    site.build();
    assert!(site.read("404.html").contains("Custom lost page"));
}

#[test]
fn an_article_item_template_shapes_every_list_that_shows_the_article() {
    let site = TestSite::from_fixture("basic");
    site.write(
        "templates/article_item.html",
        "<li class=\"mine\">{{ a.title }} on {{ site.title }}</li>\n",
    );
    site.build();
    // The home page (two a page here), a tag and a country list all show the site's entry.
    let home = site.read("index.html");
    assert_eq!(home.matches("<li class=\"mine\">").count(), 2, "{home}");
    assert!(home.contains("<li class=\"mine\">Moscow&#39;s preference on Fixture Digest</li>"));
    for page in ["tags/hack-and-leak/index.html", "countries/iran/index.html"] {
        let html = site.read(page);
        assert!(
            !html.contains("class=\"article-item\""),
            "{page}: no built-in entry"
        );
        // Escaped once by the item template, not a second time by the list.
        assert!(
            html.contains(
                "<li class=\"mine\">Tehran&#39;s hackers and the campaign on Fixture Digest</li>"
            ),
            "{page}: {html}"
        );
    }
}

#[test]
fn an_article_item_template_that_fails_to_render_fails_the_build_with_its_name() {
    let site = TestSite::from_fixture("basic");
    site.build();
    let before = site.read("index.html");
    // Parses, but fails on every article when rendered.
    site.write(
        "templates/article_item.html",
        "<li>{{ a.nosuchfield.deeper }}</li>",
    );
    let err = site.failed_build();
    assert!(err.contains("rendering article_item.html failed"), "{err}");
    assert!(err.contains("nosuchfield"), "{err}");
    assert_eq!(site.read("index.html"), before, "the previous output stays");
}

#[test]
fn a_broken_template_is_reported_with_its_name_and_line() {
    let site = TestSite::from_fixture("basic");
    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}\n{% block content %}\n{{ oops( }}\n{% endblock content %}",
    );
    let err = site.failed_build();
    assert!(err.contains("404.html"), "{err}");
    assert!(err.contains(":3:"), "line of the error: {err}");
}

#[test]
fn an_article_with_several_headings_gets_a_table_of_contents() {
    let site = TestSite::from_fixture("basic");
    site.write(
        "content/articles/long.md",
        "+++\ntitle = \"Long\"\ndate = 2024-01-01\n+++\n## First part\n\nText.\n\n## Second part\n\nMore.\n",
    );
    site.build();
    let page = site.read("articles/long/index.html");
    assert!(page.contains("<a href=\"#first-part\">First part</a>"));
    assert!(page.contains("<a href=\"#second-part\">Second part</a>"));
    assert!(
        !site
            .read("articles/tehran-hack/index.html")
            .contains("class=\"toc\""),
        "one heading needs no contents"
    );
}
