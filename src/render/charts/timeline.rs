//! The timeline of a country or actor: articles and claims per month, as paired bars, every
//! month from the first to the last shown (quiet months are part of the story).

use std::collections::BTreeMap;
use std::fmt::Write;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::{escape, num};
use crate::link::{ActorLinks, Digest};

/// A timeline for a template: the SVG (already escaped; print it with `safe`) and its rows.
#[derive(Debug, Clone, Serialize)]
pub struct Timeline {
    pub svg: String,
    pub months: Vec<MonthRow>,
    pub articles: usize,
    pub claims: usize,
}

/// One month of the data table beside the picture.
#[derive(Debug, Clone, Serialize)]
pub struct MonthRow {
    /// `2024-08`, for `<time datetime>`.
    pub month: String,
    /// `August 2024`.
    pub label: String,
    pub articles: usize,
    pub claims: usize,
}

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 190.0;
const LEFT: f64 = 34.0;
const RIGHT: f64 = 8.0;
const TOP: f64 = 28.0;
const BOTTOM: f64 = 30.0;

/// The timeline of `name` from its links; None when it has no dated article.
pub fn timeline(digest: &Digest, name: &str, links: &ActorLinks) -> Option<Timeline> {
    let date_of = |article: usize| digest.site.articles[article].date;
    let mut articles: BTreeMap<(i32, u32), usize> = BTreeMap::new();
    for &a in &links.articles {
        *articles.entry(month_of(date_of(a))).or_default() += 1;
    }
    let claim_list = links.claims();
    let mut claims: BTreeMap<(i32, u32), usize> = BTreeMap::new();
    for &c in &claim_list {
        *claims
            .entry(month_of(date_of(digest.claims[c].article)))
            .or_default() += 1;
    }
    let first = *articles.keys().chain(claims.keys()).min()?;
    let last = *articles.keys().chain(claims.keys()).max()?;
    let mut months = Vec::new();
    let mut m = first;
    while m <= last {
        let date = NaiveDate::from_ymd_opt(m.0, m.1, 1).expect("valid month");
        months.push(MonthRow {
            month: date.format("%Y-%m").to_string(),
            label: date.format("%B %Y").to_string(),
            articles: articles.get(&m).copied().unwrap_or(0),
            claims: claims.get(&m).copied().unwrap_or(0),
        });
        m = if m.1 == 12 {
            (m.0 + 1, 1)
        } else {
            (m.0, m.1 + 1)
        };
    }
    let svg = draw(name, &months);
    Some(Timeline {
        svg,
        months,
        articles: links.articles.len(),
        claims: claim_list.len(),
    })
}

fn month_of(date: NaiveDate) -> (i32, u32) {
    (date.year(), date.month())
}

/// A round axis maximum (1, 2, 5, 10, 20, 50 ...) at or above `max`.
fn nice_max(max: usize) -> usize {
    let mut step = 1;
    loop {
        for m in [1, 2, 5] {
            if m * step >= max {
                return m * step;
            }
        }
        step *= 10;
    }
}

fn draw(name: &str, months: &[MonthRow]) -> String {
    let n = months.len().max(1);
    let max = months
        .iter()
        .map(|m| m.articles.max(m.claims))
        .max()
        .unwrap_or(0)
        .max(1);
    let top = nice_max(max);
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let slot = plot_w / n as f64;
    let bar = (slot * 0.36).min(26.0);
    let y = |v: usize| TOP + plot_h - plot_h * v as f64 / top as f64;
    let total_articles: usize = months.iter().map(|m| m.articles).sum();
    let total_claims: usize = months.iter().map(|m| m.claims).sum();
    let busiest = months
        .iter()
        .min_by_key(|m| std::cmp::Reverse(m.articles + m.claims))
        .map(|m| m.label.as_str());
    let span = match (months.first(), months.last()) {
        (Some(a), Some(b)) if a.month != b.month => format!("from {} to {}", a.label, b.label),
        (Some(a), _) => format!("in {}", a.label),
        _ => String::new(),
    };
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart chart-timeline\" viewBox=\"0 0 {w} {h}\" \
         role=\"img\" aria-labelledby=\"timeline-title timeline-desc\">\
         <title id=\"timeline-title\">{title}</title>\
         <desc id=\"timeline-desc\">{desc}</desc>",
        w = num(WIDTH),
        h = num(HEIGHT),
        title = escape(&format!("{name}: articles and claims per month")),
        desc = escape(&format!(
            "{total_articles} articles and {total_claims} claims {span}; busiest month: {}.",
            busiest.unwrap_or("none")
        )),
    );
    // Legend.
    let _ = write!(
        s,
        "<g class=\"legend\" font-size=\"12\">\
         <rect class=\"bar-articles\" x=\"{lx}\" y=\"8\" width=\"10\" height=\"10\"/>\
         <text x=\"{tx}\" y=\"17\" fill=\"currentColor\">Articles</text>\
         <rect class=\"bar-claims\" x=\"{lx2}\" y=\"8\" width=\"10\" height=\"10\"/>\
         <text x=\"{tx2}\" y=\"17\" fill=\"currentColor\">Claims</text></g>",
        lx = num(LEFT),
        tx = num(LEFT + 14.0),
        lx2 = num(LEFT + 80.0),
        tx2 = num(LEFT + 94.0),
    );
    // Horizontal grid lines with their values.
    s.push_str("<g class=\"grid\" font-size=\"11\">");
    let ticks: Vec<usize> = if top <= 5 {
        (0..=top).collect()
    } else {
        vec![0, top / 2, top]
    };
    for t in ticks {
        let _ = write!(
            s,
            "<line x1=\"{x1}\" x2=\"{x2}\" y1=\"{y}\" y2=\"{y}\"/>\
             <text x=\"{tx}\" y=\"{ty}\" text-anchor=\"end\" fill=\"currentColor\">{t}</text>",
            x1 = num(LEFT),
            x2 = num(WIDTH - RIGHT),
            y = num(y(t)),
            tx = num(LEFT - 6.0),
            ty = num(y(t) + 4.0),
        );
    }
    s.push_str("</g>");
    // Bars, each with a tooltip.
    let label_every = n.div_ceil(12);
    s.push_str("<g class=\"bars\">");
    for (i, m) in months.iter().enumerate() {
        let centre = LEFT + slot * (i as f64 + 0.5);
        for (value, class, x, what) in [
            (m.articles, "bar-articles", centre - bar - 1.0, "articles"),
            (m.claims, "bar-claims", centre + 1.0, "claims"),
        ] {
            let height = (y(0) - y(value)).max(if value > 0 { 1.0 } else { 0.0 });
            let _ = write!(
                s,
                "<rect class=\"{class}\" x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{h}\">\
                 <title>{label}: {value} {what}</title></rect>",
                x = num(x),
                y = num(y(0) - height),
                w = num(bar),
                h = num(height),
                label = escape(&m.label),
            );
        }
        if i % label_every == 0 {
            let short = NaiveDate::parse_from_str(&format!("{}-01", m.month), "%Y-%m-%d")
                .map(|d| d.format("%b %Y").to_string())
                .unwrap_or_else(|_| m.month.clone());
            let _ = write!(
                s,
                "<text class=\"tick\" x=\"{x}\" y=\"{y}\" text-anchor=\"middle\" font-size=\"11\" \
                 fill=\"currentColor\">{label}</text>",
                x = num(centre),
                y = num(HEIGHT - 10.0),
                label = escape(&short),
            );
        }
    }
    s.push_str("</g></svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(month: &str, articles: usize, claims: usize) -> MonthRow {
        MonthRow {
            month: month.into(),
            label: month.into(),
            articles,
            claims,
        }
    }

    #[test]
    fn axis_maximum_is_a_round_number() {
        assert_eq!(nice_max(1), 1);
        assert_eq!(nice_max(3), 5);
        assert_eq!(nice_max(7), 10);
        assert_eq!(nice_max(11), 20);
    }

    #[test]
    fn the_timeline_is_an_accessible_image_with_escaped_name() {
        let svg = draw("<b>X</b>", &[row("2024-08", 2, 3), row("2024-09", 0, 1)]);
        assert!(svg.starts_with("<svg"));
        assert!(svg.contains("role=\"img\""));
        assert!(svg.contains("<title id=\"timeline-title\">&lt;b&gt;X&lt;/b&gt;"));
        assert!(!svg.contains("<b>"));
        assert_eq!(svg.matches("<rect class=\"bar-").count(), 4 + 2);
    }
}
