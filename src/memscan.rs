//! Jumping to the next byte worth a look: the sentence splitter looks for stops and quote
//! openers, the JSON-LD writer for the characters a `<script>` element cannot hold. Both want
//! three ASCII bytes and 0xE2, the lead byte of the typographic marks ("…", "“", U+2028), and
//! most text holds none of them, so memchr's vectorised search skips it.

/// The candidates in a byte string, found front to back. Each of the two searches runs again
/// only once the caller has passed its last find, so text is searched about once.
pub struct Candidates<'a> {
    bytes: &'a [u8],
    ascii: [u8; 3],
    /// The first of the ASCII bytes at or after the last search for them.
    next_ascii: Option<usize>,
    /// The first 0xE2 at or after the last search for one.
    next_lead: Option<usize>,
}

impl<'a> Candidates<'a> {
    pub fn new(bytes: &'a [u8], ascii: [u8; 3]) -> Candidates<'a> {
        let [a, b, c] = ascii;
        Candidates {
            bytes,
            ascii,
            next_ascii: memchr::memchr3(a, b, c, bytes),
            next_lead: memchr::memchr(0xE2, bytes),
        }
    }

    /// The first candidate at or after `from`; `from` never decreases between calls.
    pub fn next(&mut self, from: usize) -> Option<usize> {
        let rest = self.bytes.get(from..)?;
        if self.next_ascii.is_some_and(|k| k < from) {
            let [a, b, c] = self.ascii;
            self.next_ascii = memchr::memchr3(a, b, c, rest).map(|k| from + k);
        }
        if self.next_lead.is_some_and(|k| k < from) {
            self.next_lead = memchr::memchr(0xE2, rest).map(|k| from + k);
        }
        match (self.next_ascii, self.next_lead) {
            (Some(x), Some(y)) => Some(x.min(y)),
            (x, y) => x.or(y),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn candidates_are_found_in_order_across_typographic_marks() {
        let text = "Yes… “No.” Maybe?";
        let mut stops = Candidates::new(text.as_bytes(), [b'.', b'?', b'!']);
        let mut found = Vec::new();
        let mut at = 0;
        while let Some(k) = stops.next(at) {
            found.push(k);
            at = k + 1;
        }
        let leads: Vec<usize> = text
            .match_indices(['…', '“', '”'])
            .map(|(k, _)| k)
            .collect();
        let mut expected: Vec<usize> = text.match_indices(['.', '?']).map(|(k, _)| k).collect();
        expected.extend(leads);
        expected.sort();
        assert_eq!(found, expected);
        assert_eq!(stops.next(text.len()), None);
    }
}
