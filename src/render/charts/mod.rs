//! Pictures drawn at build time as inline SVG: a timeline per country and actor, a network of
//! who acts against whom on the home page. No JavaScript: colours come from the stylesheet's
//! variables (`.chart` rules), text is `currentColor`, so light and dark mode both read well.
//! Every picture carries `role="img"`, `<title>` and `<desc>`, and its data goes to the template
//! too, for the table beside it. Every label is escaped here, since names come from data files.

mod network;
mod timeline;

pub use crate::escape::escape_html as escape;
pub use network::network;
pub use timeline::timeline;

/// A label cut to `max` characters, with an ellipsis when cut (the full name is in the title).
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let cut: String = text.chars().take(max.saturating_sub(1)).collect();
        format!("{}…", cut.trim_end())
    }
}

/// Numbers in SVG attributes: one decimal, so output is stable and small.
fn num(x: f64) -> String {
    let rounded = (x * 10.0).round() / 10.0;
    if rounded == rounded.trunc() {
        format!("{}", rounded as i64)
    } else {
        format!("{rounded:.1}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_escaped_for_svg() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"y\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;y&quot;"
        );
    }

    #[test]
    fn long_labels_are_shortened_with_an_ellipsis() {
        assert_eq!(
            shorten("Islamic Revolutionary Guard Corps", 12),
            "Islamic Rev…"
        );
        assert_eq!(shorten("Iran", 12), "Iran");
    }

    #[test]
    fn numbers_have_at_most_one_decimal() {
        assert_eq!(num(3.0), "3");
        assert_eq!(num(2.04), "2");
        assert_eq!(num(2.26), "2.3");
        assert_eq!(num(-0.04), "0");
    }
}
