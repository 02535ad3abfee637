//! Checks shared by the integration tests.

pub mod tmux;

/// Every start tag closed in order, no tokenizer errors, nothing fetched from elsewhere.
#[allow(dead_code)] // not every test that shares this module checks pages
pub fn check_html(html: &str, name: &str) {
    use html5gum::{Token, Tokenizer};
    const VOID: &[&str] = &["meta", "br", "hr", "img", "input", "link", "col", "wbr"];
    let mut open: Vec<String> = Vec::new();
    let mut doctype = false;
    for Ok(token) in Tokenizer::new(html) {
        match token {
            Token::Doctype(_) => doctype = true,
            Token::StartTag(tag) => {
                let tag_name = String::from_utf8_lossy(&tag.name).to_string();
                for (attr, value) in &tag.attributes {
                    let attr = String::from_utf8_lossy(attr).to_lowercase();
                    let value = String::from_utf8_lossy(value).to_lowercase();
                    // A link within the page (`#e12`) loads nothing.
                    let in_page = attr == "href" && value.starts_with('#');
                    assert!(
                        in_page
                            || !matches!(
                                attr.as_str(),
                                "src" | "href" | "srcset" | "action" | "data"
                            ) && !attr.starts_with("on"),
                        "{name}: <{tag_name} {attr}=\"{value}\"> could load or run something"
                    );
                }
                assert!(
                    !matches!(
                        tag_name.as_str(),
                        "script" | "link" | "img" | "iframe" | "object" | "embed" | "use"
                    ),
                    "{name}: <{tag_name}> in a self-contained report"
                );
                if !VOID.contains(&tag_name.as_str()) && !tag.self_closing {
                    open.push(tag_name);
                }
            }
            Token::EndTag(tag) => {
                let tag_name = String::from_utf8_lossy(&tag.name).to_string();
                assert_eq!(
                    open.pop().as_deref(),
                    Some(tag_name.as_str()),
                    "{name}: </{tag_name}> closes the wrong element"
                );
            }
            Token::Error(e) => panic!("{name}: HTML error {e:?}"),
            Token::String(_) | Token::Comment(_) => {}
        }
    }
    assert!(doctype, "{name}: no doctype");
    assert!(open.is_empty(), "{name}: never closed: {open:?}");
    for outside in ["http:", "https:", "url(", "@import", "//"] {
        assert!(
            !html.contains(outside),
            "{name}: `{outside}` may load something from outside"
        );
    }
}
