//! The network of the most connected actors and countries: who acts against whom in the claims
//! (actor -> target), edge width by the number of claims. The layout is fixed, not simulated:
//! nodes sit on a circle, states first, each group in id order, so every build draws the same.

use std::collections::{BTreeMap, BTreeSet};
use std::f64::consts::PI;
use std::fmt::Write;

use serde::Serialize;

use super::{escape, num, shorten};
use crate::registry::ActorKind;
use crate::render::views::Views;

/// How many actors and countries the picture shows at most.
const MAX_NODES: usize = 15;
const WIDTH: f64 = 700.0;
const HEIGHT: f64 = 470.0;
const RADIUS: f64 = 175.0;
/// Longer names are drawn as their shortest alias (IRGC, ODNI), or cut.
const LABEL_CHARS: usize = 22;

/// The network for a template: the SVG (already escaped; print it with `safe`) and its data.
#[derive(Debug, Clone, Serialize)]
pub struct Network {
    pub svg: String,
    pub nodes: Vec<NodeRow>,
    /// Most claims first.
    pub edges: Vec<EdgeRow>,
}

/// An actor or country in the picture, with the claims in which it acts or is targeted.
#[derive(Debug, Clone, Serialize)]
pub struct NodeRow {
    pub id: String,
    pub name: String,
    /// What the picture writes beside the node: the name, or a short alias for a long name.
    pub label: String,
    pub kind: &'static str,
    pub url: Option<String>,
    pub claims: usize,
}

/// `from` acts against `to` in `claims` claims.
#[derive(Debug, Clone, Serialize)]
pub struct EdgeRow {
    pub from: NodeRow,
    pub to: NodeRow,
    pub claims: usize,
}

/// The network of the digest's claims; None when no claim names both an actor and a target.
pub fn network(views: &Views) -> Option<Network> {
    let digest = views.digest;
    let mut involved: BTreeMap<&str, usize> = BTreeMap::new();
    let mut pairs: Vec<BTreeSet<(&str, &str)>> = Vec::new();
    for claim in &digest.claims {
        let claim_pairs: BTreeSet<(&str, &str)> = claim
            .actors
            .iter()
            .flat_map(|a| claim.targets.iter().map(move |t| (a.as_str(), t.as_str())))
            .filter(|(a, t)| {
                a != t && views.name_ref(a, 0).is_some() && views.name_ref(t, 0).is_some()
            })
            .collect();
        let ids: BTreeSet<&str> = claim_pairs.iter().flat_map(|(a, t)| [*a, *t]).collect();
        for id in ids {
            *involved.entry(id).or_default() += 1;
        }
        pairs.push(claim_pairs);
    }
    let mut ranked: Vec<(&str, usize)> = involved.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    ranked.truncate(MAX_NODES);
    let chosen: BTreeMap<&str, usize> = ranked.iter().copied().collect();
    let mut edge_counts: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for claim_pairs in &pairs {
        for pair in claim_pairs {
            if chosen.contains_key(pair.0) && chosen.contains_key(pair.1) {
                *edge_counts.entry(*pair).or_default() += 1;
            }
        }
    }
    if edge_counts.is_empty() {
        return None;
    }
    let row = |id: &str| -> NodeRow {
        let name = views.name_ref(id, 0).expect("filtered above");
        let aliases = views
            .digest
            .site
            .registry
            .actor(id)
            .map(|a| a.aliases.as_slice())
            .unwrap_or_default();
        NodeRow {
            id: id.to_string(),
            name: name.name.to_string(),
            label: label(name.name, aliases),
            kind: name.kind,
            url: name.url,
            claims: chosen[id],
        }
    };
    let mut nodes: Vec<NodeRow> = chosen.keys().map(|id| row(id)).collect();
    nodes.sort_by(|a, b| {
        (a.kind != ActorKind::State.as_str(), &a.id)
            .cmp(&(b.kind != ActorKind::State.as_str(), &b.id))
    });
    let mut edges: Vec<EdgeRow> = edge_counts
        .iter()
        .map(|((a, t), n)| EdgeRow {
            from: row(a),
            to: row(t),
            claims: *n,
        })
        .collect();
    edges.sort_by(|a, b| {
        b.claims
            .cmp(&a.claims)
            .then_with(|| (&a.from.id, &a.to.id).cmp(&(&b.from.id, &b.to.id)))
    });
    let svg = draw(&nodes, &edges);
    Some(Network { svg, nodes, edges })
}

/// The node's label: its name when short enough, else its shortest alias that is, else the name cut.
fn label(name: &str, aliases: &[String]) -> String {
    if name.chars().count() <= LABEL_CHARS {
        return name.to_string();
    }
    aliases
        .iter()
        .filter(|a| a.chars().count() <= LABEL_CHARS)
        .min_by_key(|a| (a.chars().count(), a.as_str()))
        .cloned()
        .unwrap_or_else(|| shorten(name, LABEL_CHARS))
}

struct Placed {
    x: f64,
    y: f64,
    r: f64,
    cos: f64,
    sin: f64,
}

fn draw(nodes: &[NodeRow], edges: &[EdgeRow]) -> String {
    let (cx, cy) = (WIDTH / 2.0, HEIGHT / 2.0);
    let max_claims = nodes.iter().map(|n| n.claims).max().unwrap_or(1).max(1) as f64;
    let max_edge = edges.iter().map(|e| e.claims).max().unwrap_or(1).max(1) as f64;
    let placed: BTreeMap<&str, Placed> = nodes
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let angle = -PI / 2.0 + 2.0 * PI * i as f64 / nodes.len() as f64;
            let (sin, cos) = angle.sin_cos();
            let r = 6.0 + 10.0 * (n.claims as f64 / max_claims).sqrt();
            let p = Placed {
                x: cx + RADIUS * cos,
                y: cy + RADIUS * sin,
                r,
                cos,
                sin,
            };
            (n.id.as_str(), p)
        })
        .collect();
    let mut s = String::new();
    let strongest = edges.first().map(|e| {
        format!(
            " The most frequent: {} against {} ({} claims).",
            e.from.name, e.to.name, e.claims
        )
    });
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart chart-network\" viewBox=\"0 0 {w} {h}\" \
         role=\"img\" aria-labelledby=\"network-title network-desc\">\
         <title id=\"network-title\">Who acts against whom</title>\
         <desc id=\"network-desc\">{desc}</desc>\
         <defs><marker id=\"network-arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"9\" \
         markerHeight=\"9\" markerUnits=\"userSpaceOnUse\" orient=\"auto-start-reverse\">\
         <path class=\"arrow-head\" d=\"M0 0L10 5L0 10z\"/></marker></defs>",
        w = num(WIDTH),
        h = num(HEIGHT),
        desc = escape(&format!(
            "A network of the {} most connected actors and countries in the digest's claims, with \
             {} links from an actor to its target; wider lines mean more claims.{}",
            nodes.len(),
            edges.len(),
            strongest.unwrap_or_default()
        )),
    );
    s.push_str("<g class=\"edges\">");
    // Draw the thin edges first, so the strong ones stay on top.
    for e in edges.iter().rev() {
        let (a, b) = (&placed[e.from.id.as_str()], &placed[e.to.id.as_str()]);
        let (dx, dy) = (b.x - a.x, b.y - a.y);
        let len = (dx * dx + dy * dy).sqrt().max(1.0);
        // Bend to one side of the straight line, so A -> B and B -> A stay apart.
        let (qx, qy) = (
            (a.x + b.x) / 2.0 - dy / len * len * 0.12,
            (a.y + b.y) / 2.0 + dx / len * len * 0.12,
        );
        let towards = |from: &Placed, gap: f64| {
            let (ux, uy) = (qx - from.x, qy - from.y);
            let ul = (ux * ux + uy * uy).sqrt().max(1.0);
            (from.x + ux / ul * gap, from.y + uy / ul * gap)
        };
        let start = towards(a, a.r + 1.0);
        let end = towards(b, b.r + 2.0);
        let _ = write!(
            s,
            "<path class=\"edge\" d=\"M{} {}Q{} {} {} {}\" stroke-width=\"{}\" marker-end=\"url(#network-arrow)\">\
             <title>{}</title></path>",
            num(start.0),
            num(start.1),
            num(qx),
            num(qy),
            num(end.0),
            num(end.1),
            num(1.0 + 5.0 * e.claims as f64 / max_edge),
            escape(&format!(
                "{} against {}: {} claim{}",
                e.from.name,
                e.to.name,
                e.claims,
                if e.claims == 1 { "" } else { "s" }
            )),
        );
    }
    s.push_str("</g><g class=\"nodes\" font-size=\"12\">");
    for n in nodes {
        let p = &placed[n.id.as_str()];
        let anchor = if p.cos > 0.1 {
            "start"
        } else if p.cos < -0.1 {
            "end"
        } else {
            "middle"
        };
        let gap = p.r + 6.0;
        let (lx, ly) = (p.x + p.cos * gap, p.y + p.sin * gap + 4.0 + p.sin * 6.0);
        let class = if n.kind == ActorKind::State.as_str() {
            "node node-state"
        } else {
            "node node-actor"
        };
        let title = escape(&format!(
            "{}: {} claim{}",
            n.name,
            n.claims,
            if n.claims == 1 { "" } else { "s" }
        ));
        let body = format!(
            "<title>{title}</title><circle class=\"{class}\" cx=\"{}\" cy=\"{}\" r=\"{}\"/>\
             <text x=\"{}\" y=\"{}\" text-anchor=\"{anchor}\" fill=\"currentColor\">{}</text>",
            num(p.x),
            num(p.y),
            num(p.r),
            num(lx),
            num(ly),
            escape(&n.label),
        );
        match &n.url {
            Some(url) => {
                let _ = write!(s, "<a href=\"{}\">{body}</a>", escape(url));
            }
            None => {
                let _ = write!(s, "<g>{body}</g>");
            }
        }
    }
    s.push_str("</g></svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(id: &str, kind: &'static str, claims: usize) -> NodeRow {
        NodeRow {
            id: id.into(),
            name: format!("<{id}>"),
            label: format!("<{id}>"),
            kind,
            url: Some(format!("/countries/{id}/")),
            claims,
        }
    }

    #[test]
    fn the_network_draws_every_node_and_edge_with_escaped_names() {
        let nodes = vec![node("iran", "state", 3), node("usa", "state", 2)];
        let edges = vec![EdgeRow {
            from: nodes[0].clone(),
            to: nodes[1].clone(),
            claims: 2,
        }];
        let svg = draw(&nodes, &edges);
        assert_eq!(svg.matches("<circle").count(), 2);
        assert_eq!(svg.matches("class=\"edge\"").count(), 1);
        assert!(svg.contains("&lt;iran&gt; against &lt;usa&gt;: 2 claims"));
        assert!(!svg.contains("<iran>"));
        assert_eq!(svg, draw(&nodes, &edges), "the layout is deterministic");
    }

    #[test]
    fn long_names_are_labelled_by_their_shortest_alias() {
        let aliases = vec!["Revolutionary Guards".to_string(), "IRGC".to_string()];
        assert_eq!(label("Islamic Revolutionary Guard Corps", &aliases), "IRGC");
        assert_eq!(label("Iran", &aliases), "Iran");
        assert_eq!(
            label("Islamic Revolutionary Guard Corps", &[]),
            "Islamic Revolutionary…"
        );
    }
}
