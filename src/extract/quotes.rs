//! Curated claims quote the article; finding the quote in the prose gives the claim its
//! anchor. A pure text search, done while the prose blocks are at hand.

/// Where a curated claim's quote is in the prose blocks, as (block, start, end), ignoring the
/// difference between straight and curly quotes and runs of white space (front matter is
/// typed, prose went through smart punctuation).
pub fn find_quote(blocks: &[&str], quote: &str) -> Option<(usize, usize, usize)> {
    let needle: Vec<char> = fold(quote).collect();
    if needle.is_empty() {
        return None;
    }
    for (b, block) in blocks.iter().enumerate().skip(1) {
        let hay: Vec<(usize, char)> = block
            .char_indices()
            .map(|(i, c)| (i, fold_char(c)))
            .collect();
        'start: for s in 0..hay.len() {
            let mut j = 0;
            let mut k = s;
            while j < needle.len() {
                if k >= hay.len() {
                    continue 'start;
                }
                if hay[k].1 == needle[j] {
                    j += 1;
                    k += 1;
                } else if hay[k].1 == ' ' && k > s && hay[k - 1].1 == ' ' {
                    k += 1;
                } else {
                    continue 'start;
                }
            }
            let end = hay.get(k).map_or(block.len(), |h| h.0);
            return Some((b, hay[s].0, end));
        }
    }
    None
}

fn fold(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars().map(fold_char)
}

fn fold_char(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' => '\'',
        '\u{201c}' | '\u{201d}' => '"',
        '\u{2013}' | '\u{2014}' => '-',
        c if c.is_whitespace() => ' ',
        c => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_are_found_across_smart_punctuation() {
        let blocks = ["Title", "Intro. Moscow’s “operation” began."];
        let (b, s, e) = find_quote(&blocks, "Moscow's \"operation\" began.").unwrap();
        assert_eq!((b, &blocks[1][s..e]), (1, "Moscow’s “operation” began."));
        assert!(find_quote(&blocks, "Beijing").is_none());
    }
}
