//! Scores country extraction against euvs1517 records dumped as JSON lines (first line holds the
//! scorable codes, then {id, title, text, gold} per record), the way shared/eval/score.py does:
//! predicted = codes of state actors mentioned by a kind that names a country, restricted to the
//! scorable label codes. Usage: cargo run --release --example eval_countries -- FILE [SHOW]

use std::collections::BTreeSet;

use dossier::extract::{Gazetteer, extract_mentions};
use dossier::registry::{ActorKind, Registry};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let text = std::fs::read_to_string(&args[1]).expect("records file");
    let show: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(0);
    let mut lines = text.lines();
    let head: serde_json::Value = serde_json::from_str(lines.next().unwrap()).unwrap();
    let scorable: BTreeSet<String> = head["scorable"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    let registry = Registry::builtin();
    let gazetteer = Gazetteer::new(&registry);
    let (mut tp, mut fp, mut fn_) = (0, 0, 0);
    let mut shown = 0;
    for line in lines {
        let r: serde_json::Value = serde_json::from_str(line).unwrap();
        let title = r["title"].as_str().unwrap();
        let body = r["text"].as_str().unwrap();
        let gold: BTreeSet<String> = r["gold"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect();
        let blocks = [title, body];
        let mentions = extract_mentions(&blocks, &gazetteer);
        let mut pred = BTreeSet::new();
        let mut why = Vec::new();
        for m in &mentions {
            let Some(actor) = registry.actor(m.actor) else {
                continue;
            };
            if actor.kind == ActorKind::State
                && m.how.names_country()
                && let Some(code) = &actor.country
                && scorable.contains(code)
            {
                pred.insert(code.clone());
                why.push(format!("{}={}", m.text(&blocks), code));
            }
        }
        let tp_r = gold.intersection(&pred).count();
        tp += tp_r;
        fp += pred.difference(&gold).count();
        fn_ += gold.difference(&pred).count();
        if gold != pred && shown < show {
            shown += 1;
            let extra: Vec<_> = pred.difference(&gold).collect();
            let miss: Vec<_> = gold.difference(&pred).collect();
            println!(
                "- {} extra={:?} missed={:?} [{}] :: {} | {}",
                r["id"].as_str().unwrap(),
                extra,
                miss,
                why.join(" "),
                title,
                body.chars().take(300).collect::<String>()
            );
        }
    }
    let p = tp as f64 / (tp + fp) as f64;
    let r = tp as f64 / (tp + fn_) as f64;
    println!(
        "tp={tp} fp={fp} fn={fn_} precision={p:.3} recall={r:.3} F1={:.3}",
        2.0 * p * r / (p + r)
    );
}
