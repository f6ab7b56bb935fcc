use std::time::{Duration, Instant};

use super::*;

fn text(s: &str) -> Inline {
    Inline::Text(s.to_owned())
}

fn link(href: &str, children: Vec<Inline>) -> Inline {
    Inline::Link {
        href: href.to_owned(),
        children,
    }
}

fn para(inlines: Vec<Inline>) -> Block {
    Block::Paragraph(inlines)
}

/// The inlines of a text that is one paragraph.
fn inlines(markdown: &str) -> Vec<Inline> {
    match parse(markdown).as_slice() {
        [Block::Paragraph(inlines)] => inlines.clone(),
        other => panic!("{markdown:?} is not one paragraph: {other:?}"),
    }
}

fn bullets(items: Vec<Vec<Block>>) -> Block {
    Block::List { start: None, items }
}

// --- The sample event ------------------------------------------------------------------------

const SAMPLE: &str = include_str!("../../../../public/events/scs-hackathon-3.json");

/// Every Markdown field of the sample (summary, notes, descriptions, section bodies).
fn sample_markdown() -> Vec<(String, String)> {
    let event: serde_json::Value = serde_json::from_str(SAMPLE).expect("the sample is JSON");
    let mut fields = Vec::new();
    let mut add = |path: String, value: &serde_json::Value| {
        if let Some(text) = value.as_str() {
            fields.push((path.clone(), text.to_owned()));
        }
        // A text per language: each language's Markdown, as `summary.en`, `summary.de`.
        for (language, text) in value.as_object().into_iter().flatten() {
            if let Some(text) = text.as_str() {
                fields.push((format!("{path}.{language}"), text.to_owned()));
            }
        }
    };
    add("summary".into(), &event["summary"]);
    for (list, field) in [
        ("places", "notes"),
        ("sessions", "description"),
        ("topics", "description"),
        ("sections", "body"),
    ] {
        for (i, item) in event[list].as_array().into_iter().flatten().enumerate() {
            add(format!("{list}[{i}].{field}"), &item[field]);
        }
    }
    fields
}

#[test]
fn every_markdown_field_of_the_sample_renders_without_leftover_markup() {
    let fields = sample_markdown();
    assert!(fields.len() >= 15, "{}", fields.len());
    for (path, markdown) in fields {
        let plain = to_plain(&markdown);
        for mark in ["**", "](", "> ", "\n"] {
            assert!(!plain.contains(mark), "{path}: {mark:?} left in {plain:?}");
        }
        assert!(!plain.is_empty(), "{path}");
    }
}

#[test]
fn the_sample_summary_is_two_paragraphs_with_links_and_strong_text() {
    let fields = sample_markdown();
    let (_, summary) = fields
        .iter()
        .find(|(path, _)| path == "summary.en")
        .expect("the English summary");
    let blocks = parse(summary);
    assert_eq!(blocks.len(), 2, "{blocks:?}");
    let Block::Paragraph(first) = &blocks[0] else {
        panic!("{blocks:?}")
    };
    assert_eq!(
        first[1],
        link("https://www.cloudandheat.com/", vec![text("CLOUD&HEAT")])
    );
    assert_eq!(
        first[3],
        link(
            "https://alasca.cloud/en/",
            vec![text(
                "ALASCA – Association for Operational Open Cloud Infrastructures e.V."
            )]
        )
    );
    assert_eq!(
        blocks[1],
        para(vec![Inline::Strong(vec![text(
            "The Community Hackathon is what you make it!"
        )])])
    );
}

#[test]
fn the_sample_open_space_section_has_a_quote_between_paragraphs() {
    let fields = sample_markdown();
    let (_, body) = fields
        .iter()
        .find(|(path, _)| path == "sections[0].body.en")
        .expect("the first section");
    let blocks = parse(body);
    assert_eq!(blocks.len(), 3, "{blocks:?}");
    let Block::Quote(quote) = &blocks[1] else {
        panic!("{blocks:?}")
    };
    assert!(matches!(quote.as_slice(), [Block::Paragraph(_)]));
    assert!(to_plain(body).contains("Law of Two Feet: If, during the course"));
    let Block::Paragraph(first) = &blocks[0] else {
        panic!("{blocks:?}")
    };
    assert!(first.contains(&Inline::Strong(vec![text("Law of Two Feet")])));
}

#[test]
fn strong_text_next_to_quotes_and_punctuation() {
    assert_eq!(
        inlines(r#"a **"No camera" sticker** — b **in advance!** c **Feet**:"#),
        vec![
            text("a "),
            Inline::Strong(vec![text("\"No camera\" sticker")]),
            text(" — b "),
            Inline::Strong(vec![text("in advance!")]),
            text(" c "),
            Inline::Strong(vec![text("Feet")]),
            text(":"),
        ]
    );
}

/// The announcement's topic list, as organizers copy it: loose items, items nested by four
/// spaces, bare URLs, a heading and a bare URL on its own line.
#[test]
fn the_announcement_list_nests_and_links_its_bare_urls() {
    let markdown = "### Registration\nhttps://events.scs.community/hackathon-3/\n\n\
        * continuing on the central api \n    * https://github.com/SovereignCloudStack/central-api\n    * more information needed\n\n\
        * cluster stacks \n    * hands-on session (presentation on morning)\n    * how to build cluster stacks\n\n\
        * hands-on session with monitoring stack / adapt on scs \n";
    let blocks = parse(markdown);
    assert_eq!(blocks[0], Block::Heading(3, vec![text("Registration")]));
    let url = "https://events.scs.community/hackathon-3/";
    assert_eq!(blocks[1], para(vec![link(url, vec![text(url)])]));
    let api = "https://github.com/SovereignCloudStack/central-api";
    assert_eq!(
        blocks[2],
        bullets(vec![
            vec![
                para(vec![text("continuing on the central api")]),
                bullets(vec![
                    vec![para(vec![link(api, vec![text(api)])])],
                    vec![para(vec![text("more information needed")])],
                ]),
            ],
            vec![
                para(vec![text("cluster stacks")]),
                bullets(vec![
                    vec![para(vec![text(
                        "hands-on session (presentation on morning)"
                    )])],
                    vec![para(vec![text("how to build cluster stacks")])],
                ]),
            ],
            vec![para(vec![text(
                "hands-on session with monitoring stack / adapt on scs"
            )])],
        ])
    );
    assert_eq!(blocks.len(), 3);
}

// --- Every construct the documentation lists -------------------------------------------------

#[test]
fn paragraphs_are_separated_by_blank_lines_and_lines_join() {
    assert_eq!(
        parse("one\ntwo\n\n\nthree"),
        vec![para(vec![text("one\ntwo")]), para(vec![text("three")])]
    );
    assert_eq!(to_plain("one\ntwo\n\nthree"), "one two three");
}

#[test]
fn two_spaces_or_a_backslash_end_a_line() {
    assert_eq!(
        inlines("one  \ntwo\\\nthree"),
        vec![
            text("one"),
            Inline::LineBreak,
            text("two"),
            Inline::LineBreak,
            text("three")
        ]
    );
    assert_eq!(inlines("one \ntwo"), vec![text("one\ntwo")]);
}

#[test]
fn headings_with_hashes_or_underlines() {
    assert_eq!(
        parse("# One\n## Two ##\n###### Six\n####### seven\n#tag"),
        vec![
            Block::Heading(1, vec![text("One")]),
            Block::Heading(2, vec![text("Two")]),
            Block::Heading(6, vec![text("Six")]),
            para(vec![text("####### seven\n#tag")]),
        ]
    );
    assert_eq!(
        parse("Big\n===\n\nSmaller\n---"),
        vec![
            Block::Heading(1, vec![text("Big")]),
            Block::Heading(2, vec![text("Smaller")]),
        ]
    );
    assert_eq!(
        parse("# C# and **F#**"),
        vec![Block::Heading(
            1,
            vec![text("C# and "), Inline::Strong(vec![text("F#")])]
        )]
    );
}

#[test]
fn strong_emphasis_strikethrough_and_code() {
    assert_eq!(
        inlines("**a** __b__ *c* _d_ ~~e~~ `f` ***g***"),
        vec![
            Inline::Strong(vec![text("a")]),
            text(" "),
            Inline::Strong(vec![text("b")]),
            text(" "),
            Inline::Emphasis(vec![text("c")]),
            text(" "),
            Inline::Emphasis(vec![text("d")]),
            text(" "),
            Inline::Strikethrough(vec![text("e")]),
            text(" "),
            Inline::Code("f".into()),
            text(" "),
            Inline::Emphasis(vec![Inline::Strong(vec![text("g")])]),
        ]
    );
    assert_eq!(
        inlines("**bold *and italic* text**"),
        vec![Inline::Strong(vec![
            text("bold "),
            Inline::Emphasis(vec![text("and italic")]),
            text(" text"),
        ])]
    );
}

#[test]
fn code_spans_keep_their_text_and_markup_in_them() {
    assert_eq!(
        inlines("`**not bold** <b>` and `` a ` b ``"),
        vec![
            Inline::Code("**not bold** <b>".into()),
            text(" and "),
            Inline::Code("a ` b".into()),
        ]
    );
    assert_eq!(inlines("`one\ntwo`"), vec![Inline::Code("one two".into())]);
    assert_eq!(
        inlines("`unclosed *a*"),
        vec![text("`unclosed "), Inline::Emphasis(vec![text("a")])]
    );
}

#[test]
fn fenced_code_blocks_keep_their_text_as_written() {
    let markdown = "```rust\nfn main() {\n    <b>**x**</b>\n}\n```\nafter\n\n~~~\ntilde\n~~~";
    assert_eq!(
        parse(markdown),
        vec![
            Block::Code("fn main() {\n    <b>**x**</b>\n}\n".into()),
            para(vec![text("after")]),
            Block::Code("tilde\n".into()),
        ]
    );
    assert_eq!(
        parse("```\nopen to the end"),
        vec![Block::Code("open to the end\n".into())]
    );
}

#[test]
fn indentation_alone_is_not_code() {
    assert_eq!(
        parse("    indented **text**"),
        vec![para(vec![
            text("indented "),
            Inline::Strong(vec![text("text")])
        ])]
    );
}

#[test]
fn quotes_with_lazy_lines_and_nesting() {
    assert_eq!(
        parse("> one\ntwo\n>\n> > inner\n\nafter"),
        vec![
            Block::Quote(vec![
                para(vec![text("one\ntwo")]),
                Block::Quote(vec![para(vec![text("inner")])]),
            ]),
            para(vec![text("after")]),
        ]
    );
}

#[test]
fn bullet_and_numbered_lists() {
    let item = |s: &str| vec![para(vec![text(s)])];
    assert_eq!(
        parse("- a\n- b\n\n* c\n+ d"),
        vec![
            bullets(vec![item("a"), item("b")]),
            bullets(vec![item("c")]),
            bullets(vec![item("d")]),
        ]
    );
    assert_eq!(
        parse("1. Pick a topic.\n2. Join the video room.\n3) other"),
        vec![
            Block::List {
                start: Some(1),
                items: vec![item("Pick a topic."), item("Join the video room.")],
            },
            Block::List {
                start: Some(3),
                items: vec![item("other")],
            },
        ]
    );
    assert_eq!(
        parse("7. seven\n8. eight"),
        vec![Block::List {
            start: Some(7),
            items: vec![item("seven"), item("eight")],
        }]
    );
    // A list may start right under a paragraph; a number other than 1 does not start one there.
    assert_eq!(
        parse("Bring:\n- a laptop\n\nIn\n2023. it was"),
        vec![
            para(vec![text("Bring:")]),
            bullets(vec![item("a laptop")]),
            para(vec![text("In\n2023. it was")]),
        ]
    );
}

#[test]
fn items_indented_by_two_spaces_four_spaces_or_a_tab_nest() {
    let item = |s: &str| para(vec![text(s)]);
    let expected = vec![bullets(vec![
        vec![
            item("a"),
            bullets(vec![vec![item("b"), bullets(vec![vec![item("c")]])]]),
        ],
        vec![item("d")],
    ])];
    assert_eq!(parse("- a\n  - b\n    - c\n- d"), expected);
    assert_eq!(parse("- a\n    - b\n        - c\n- d"), expected);
    assert_eq!(parse("- a\n\t- b\n\t\t- c\n- d"), expected);
    assert_eq!(parse("* a\n  * b\n    * c\n* d"), expected);
    // Numbered lists nest bullets, and the other way round.
    assert_eq!(
        parse("1. one\n   - sub\n2. two"),
        vec![Block::List {
            start: Some(1),
            items: vec![
                vec![item("one"), bullets(vec![vec![item("sub")]])],
                vec![item("two")],
            ],
        }]
    );
}

#[test]
fn list_items_hold_paragraphs_quotes_code_and_lazy_lines() {
    assert_eq!(
        parse("- first\n  more\nlazy\n\n  second paragraph\n\n  > quoted\n\n  ```\n  code\n  ```\nafter"),
        vec![
            bullets(vec![vec![
                para(vec![text("first\nmore\nlazy")]),
                para(vec![text("second paragraph")]),
                Block::Quote(vec![para(vec![text("quoted")])]),
                Block::Code("code\n".into()),
            ]]),
            para(vec![text("after")]),
        ]
    );
    assert_eq!(
        parse("> - a\n> - b"),
        vec![Block::Quote(vec![bullets(vec![
            vec![para(vec![text("a")])],
            vec![para(vec![text("b")])],
        ])])]
    );
}

#[test]
fn rules() {
    assert_eq!(
        parse("a\n\n---\n\n* * *\n___"),
        vec![para(vec![text("a")]), Block::Rule, Block::Rule, Block::Rule]
    );
}

#[test]
fn links_with_titles_parentheses_and_escapes() {
    assert_eq!(
        inlines(
            r#"[a](https://x.org/a_(b) "title") [**b**](<https://x.org/c d>) [c](https://x.org/\)) [e](mailto:a@b.org)"#
        ),
        vec![
            link("https://x.org/a_(b)", vec![text("a")]),
            text(" "),
            // A space is never part of a safe URL.
            Inline::Strong(vec![text("b")]),
            text(" "),
            link("https://x.org/)", vec![text("c")]),
            text(" "),
            link("mailto:a@b.org", vec![text("e")]),
        ]
    );
    assert_eq!(
        inlines("[**Rust** Code of Conduct](https://www.rust-lang.org/policies/code-of-conduct)."),
        vec![
            link(
                "https://www.rust-lang.org/policies/code-of-conduct",
                vec![Inline::Strong(vec![text("Rust")]), text(" Code of Conduct")]
            ),
            text("."),
        ]
    );
}

#[test]
fn brackets_that_are_not_links_stay_text() {
    assert_eq!(
        inlines("[not a link] [ref][x] a]b [c]"),
        vec![text("[not a link] [ref][x] a]b [c]")]
    );
    let url = "https://x.org";
    assert_eq!(
        inlines("[a](https://x.org"),
        vec![text("[a]("), link(url, vec![text(url)])]
    );
    assert_eq!(
        inlines("*[a*](https://x.org)"),
        vec![text("*"), link("https://x.org", vec![text("a*")])]
    );
}

#[test]
fn links_never_nest() {
    assert_eq!(
        inlines("[a [b](https://b.org) c](https://a.org)"),
        vec![
            text("[a "),
            link("https://b.org", vec![text("b")]),
            text(" c]("),
            link("https://a.org", vec![text("https://a.org")]),
            text(")"),
        ]
    );
    // A linked image (a badge) is one link with the image's text.
    assert_eq!(
        inlines("[![badge](https://x.org/b.svg)](https://x.org)"),
        vec![link("https://x.org", vec![text("badge")])]
    );
    // A bare address as a link's text.
    assert_eq!(
        inlines("[https://x.org](https://x.org)"),
        vec![link("https://x.org", vec![text("https://x.org")])]
    );
}

#[test]
fn images_become_plain_links() {
    assert_eq!(
        inlines("![Hackathon](https://scs.community/h.png)"),
        vec![link("https://scs.community/h.png", vec![text("Hackathon")])]
    );
    assert_eq!(inlines("Hi!"), vec![text("Hi!")]);
}

#[test]
fn autolinks_and_email_autolinks() {
    assert_eq!(
        inlines("<https://scs.community/> or <orga@scs.community>."),
        vec![
            link(
                "https://scs.community/",
                vec![text("https://scs.community/")]
            ),
            text(" or "),
            link(
                "mailto:orga@scs.community",
                vec![text("orga@scs.community")]
            ),
            text("."),
        ]
    );
}

#[test]
fn bare_urls_become_links_without_trailing_punctuation() {
    let url = "https://github.com/SovereignCloudStack/gx-self-description-generator/issues/55";
    assert_eq!(
        inlines(&format!("See {url}. (http://x.org/a_(b)) *https://y.org*")),
        vec![
            text("See "),
            link(url, vec![text(url)]),
            text(". ("),
            link("http://x.org/a_(b)", vec![text("http://x.org/a_(b)")]),
            text(") "),
            Inline::Emphasis(vec![link("https://y.org", vec![text("https://y.org")])]),
        ]
    );
    // Not inside words or attributes, not without a host.
    assert_eq!(
        inlines(r#"xhttps://a.org src="https://a.org" https:// ftp://a.org"#),
        vec![text(
            r#"xhttps://a.org src="https://a.org" https:// ftp://a.org"#
        )]
    );
}

#[test]
fn backslash_escapes() {
    assert_eq!(
        inlines(r"\*not em\* \_ \[a\](b) \<b> \\ \a"),
        vec![text(r"*not em* _ [a](b) <b> \ \a")]
    );
    assert_eq!(
        parse(r"\# not a heading"),
        vec![para(vec![text("# not a heading")])]
    );
    assert_eq!(
        parse(r"\- not a list"),
        vec![para(vec![text("- not a list")])]
    );
}

#[test]
fn what_the_subset_leaves_out_shows_as_written() {
    let markdown = "&amp; &copy; [^1] www.example.org\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- [ ] task\n\n[ref]: https://x.org";
    assert_eq!(
        parse(markdown),
        vec![
            para(vec![text("&amp; &copy; [^1] www.example.org")]),
            para(vec![text("| a | b |\n|---|---|\n| 1 | 2 |")]),
            bullets(vec![vec![para(vec![text("[ ] task")])]]),
            para(vec![
                text("[ref]: "),
                link("https://x.org", vec![text("https://x.org")])
            ]),
        ]
    );
}

// --- Safety ----------------------------------------------------------------------------------

#[test]
fn raw_html_is_text() {
    let markdown = "<script>alert(1)</script>\n\nHi <img src=x onerror=alert(1)> <b>pizza</b>\n\n<div onclick=\"x\">\nblock\n</div>";
    assert_eq!(
        parse(markdown),
        vec![
            para(vec![text("<script>alert(1)</script>")]),
            para(vec![text("Hi <img src=x onerror=alert(1)> <b>pizza</b>")]),
            para(vec![text("<div onclick=\"x\">\nblock\n</div>")]),
        ]
    );
    let html = to_html(markdown);
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("<img"), "{html}");
    assert!(!html.contains("<div"), "{html}");
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{html}"
    );
    assert!(
        html.contains("&lt;img src=x onerror=alert(1)&gt;"),
        "{html}"
    );
}

#[test]
fn unsafe_links_keep_their_text_only() {
    assert_eq!(
        inlines("[click](javascript:alert(1)) ![pic](data:image/png;base64,AAAA) [rel](/relative) [v](vbscript:x) [sp](java\\\nscript:x)"),
        vec![text("click pic rel v [sp](java"), Inline::LineBreak, text("script:x)")]
    );
    // An autolink with an unsafe scheme is shown as written.
    assert_eq!(
        inlines("<javascript:alert(5)> <data:text/html,x>"),
        vec![text("<javascript:alert(5)> <data:text/html,x>")]
    );
    let html = to_html("[click](javascript:alert(1)) and ![pic](data:image/png;base64,AAAA)");
    assert!(!html.contains("javascript:"), "{html}");
    assert!(!html.contains("data:"), "{html}");
    assert!(html.contains("click"), "{html}");
}

/// Every link anywhere in the tree.
fn hrefs(blocks: &[Block]) -> Vec<String> {
    fn inline_hrefs(inlines: &[Inline], out: &mut Vec<String>) {
        for inline in inlines {
            match inline {
                Inline::Link { href, children } => {
                    out.push(href.clone());
                    inline_hrefs(children, out);
                }
                Inline::Strong(c) | Inline::Emphasis(c) | Inline::Strikethrough(c) => {
                    inline_hrefs(c, out)
                }
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    for block in blocks {
        match block {
            Block::Paragraph(i) | Block::Heading(_, i) => inline_hrefs(i, &mut out),
            Block::List { items, .. } => items.iter().for_each(|b| out.extend(hrefs(b))),
            Block::Quote(b) => out.extend(hrefs(b)),
            _ => {}
        }
    }
    out
}

#[test]
fn every_link_of_a_hostile_text_is_safe() {
    let markdown = "[a](javascript:x) [b](JAVASCRIPT:x) [c]( javascript:x) [d](<javascript:x>) \
        [e](java&#58;script:x) [f](\\javascript:x) <JavaScript:x> ![g](data:x) [h](https://ok.org) \
        <a href=\"javascript:x\">i</a> [j](http:evil) [k](//evil.org)";
    let links = hrefs(&parse(markdown));
    assert_eq!(links, vec!["https://ok.org".to_owned()]);
}

// --- HTML and plain text ---------------------------------------------------------------------

#[test]
fn html_has_only_the_subset_s_tags_and_escapes_everything() {
    let html = to_html("**Bold** and [a \"link\"](https://scs.community/?a=1&b=2).\n\n* one\n* two\n\n3. x\n\n> q\n\n```\n<&>\n```\n---\n# H\n`<c>` ~~d~~ _e_  \nf");
    assert_eq!(
        html,
        "<p><strong>Bold</strong> and <a href=\"https://scs.community/?a=1&amp;b=2\">a &quot;link&quot;</a>.</p>\n\
         <ul>\n<li>one</li>\n<li>two</li>\n</ul>\n\
         <ol start=\"3\">\n<li>x</li>\n</ol>\n\
         <blockquote>\n<p>q</p>\n</blockquote>\n\
         <pre><code>&lt;&amp;&gt;\n</code></pre>\n<hr />\n<h1>H</h1>\n\
         <p><code>&lt;c&gt;</code> <del>d</del> <em>e</em><br />\nf</p>\n"
    );
}

#[test]
fn loose_items_keep_their_paragraphs() {
    assert_eq!(
        to_html("- a\n\n  b\n- c\n  - d"),
        "<ul>\n<li><p>a</p>\n<p>b</p>\n</li>\n<li>c<ul>\n<li>d</li>\n</ul>\n</li>\n</ul>\n"
    );
}

#[test]
fn email_autolinks_stay_links_in_html() {
    assert_eq!(
        to_html("Write to <orga@scs.community>."),
        "<p>Write to <a href=\"mailto:orga@scs.community\">orga@scs.community</a>.</p>\n"
    );
}

#[test]
fn plain_text_drops_markup() {
    assert_eq!(to_plain("**Hi** [there](https://x.y)"), "Hi there");
    assert_eq!(
        to_plain("# Title\n\n- one\n- two  \nlines\n\n> `code` <b>"),
        "Title one two lines code <b>"
    );
    assert_eq!(to_plain(""), "");
}

// --- Edge cases ------------------------------------------------------------------------------

#[test]
fn unclosed_marks_stay_text() {
    assert_eq!(inlines("**unclosed"), vec![text("**unclosed")]);
    assert_eq!(inlines("a ** b ** c"), vec![text("a ** b ** c")]);
    // As in CommonMark, the inner `*` takes one of the closing two.
    assert_eq!(
        inlines("**a *b**"),
        vec![
            text("*"),
            Inline::Emphasis(vec![text("a "), Inline::Emphasis(vec![text("b")])])
        ]
    );
    assert_eq!(
        inlines("***a**"),
        vec![text("*"), Inline::Strong(vec![text("a")])]
    );
    assert_eq!(
        inlines("~one~ ~~~three~~~ ~~"),
        vec![text("~one~ ~~~three~~~ ~~")]
    );
    assert_eq!(inlines("[a *b](c"), vec![text("[a *b](c")]);
}

#[test]
fn marks_inside_words() {
    // `_` never marks inside a word; `*` does, as in CommonMark.
    assert_eq!(
        inlines("snake_case_name and 2*3*4 and 5 * 6 * 7"),
        vec![
            text("snake_case_name and 2"),
            Inline::Emphasis(vec![text("3")]),
            text("4 and 5 * 6 * 7"),
        ]
    );
    assert_eq!(
        inlines("window.__xss=1 un**frigging**believable"),
        vec![
            text("window.__xss=1 un"),
            Inline::Strong(vec![text("frigging")]),
            text("believable"),
        ]
    );
}

#[test]
fn windows_line_endings_and_non_ascii_text() {
    assert_eq!(
        parse("# Grüße\r\n\r\n- Straße **96**\r\n"),
        vec![
            Block::Heading(1, vec![text("Grüße")]),
            bullets(vec![vec![para(vec![
                text("Straße "),
                Inline::Strong(vec![text("96")])
            ])]]),
        ]
    );
    assert_eq!(
        inlines("ä*ö*ü ‚_x_‘"),
        vec![
            text("ä"),
            Inline::Emphasis(vec![text("ö")]),
            text("ü ‚"),
            Inline::Emphasis(vec![text("x")]),
            text("‘"),
        ]
    );
}

/// How deep the tree goes.
fn depth(blocks: &[Block]) -> usize {
    fn inline_depth(inlines: &[Inline]) -> usize {
        inlines
            .iter()
            .map(|inline| match inline {
                Inline::Strong(c)
                | Inline::Emphasis(c)
                | Inline::Strikethrough(c)
                | Inline::Link { children: c, .. } => 1 + inline_depth(c),
                _ => 0,
            })
            .max()
            .unwrap_or(0)
    }
    blocks
        .iter()
        .map(|block| match block {
            Block::Paragraph(i) | Block::Heading(_, i) => inline_depth(i),
            Block::List { items, .. } => 1 + items.iter().map(|b| depth(b)).max().unwrap_or(0),
            Block::Quote(b) => 1 + depth(b),
            _ => 0,
        })
        .max()
        .unwrap_or(0)
}

#[test]
fn nesting_is_capped() {
    let quotes = format!("{} deep", ">".repeat(100));
    let blocks = parse(&quotes);
    assert_eq!(depth(&blocks), MAX_DEPTH);
    assert!(to_plain(&quotes).ends_with(&format!("{} deep", ">".repeat(100 - MAX_DEPTH))));
    let list: String = (0..100)
        .map(|i| format!("{}- {i}\n", "  ".repeat(i)))
        .collect();
    assert_eq!(depth(&parse(&list)), MAX_DEPTH);
    assert!(to_plain(&list).contains("99"));
    let stars = format!("{}x{}", "*".repeat(200), "*".repeat(200));
    assert!(depth(&parse(&stars)) <= 120);
    let brackets = format!("{}x", "[".repeat(200));
    assert_eq!(inlines(&brackets), vec![text(&brackets)]);
}

/// Inputs of about 100 kB that would take a naive parser quadratic time or a deep stack.
#[test]
fn hostile_100_kb_inputs_parse_quickly() {
    let n = 100_000;
    let cases = [
        ">".repeat(n),
        "[".repeat(n),
        "]".repeat(n),
        "*".repeat(n) + "a",
        "a*".repeat(n / 2),
        "*a ".repeat(n / 3),
        "**a _b ".repeat(n / 7),
        "_".repeat(n),
        "`".repeat(n),
        (1..450).map(|i| "`".repeat(i) + " ").collect::<String>(),
        "[a](".repeat(n / 4),
        "[a](b \"".repeat(n / 7),
        "[a](b\\(".repeat(n / 7),
        "![".repeat(n / 2),
        "<a".repeat(n / 2),
        "<".repeat(n),
        "https://a.org/(".repeat(n / 15),
        format!("https://a.org/{}", ")".repeat(n)),
        "- ".repeat(n / 2) + "x",
        "- a\n".repeat(n / 4),
        (0..n / 200)
            .map(|i| format!("{}- x\n", " ".repeat(i % 150)))
            .collect(),
        "> - ".repeat(n / 4) + "x",
        "```\n".repeat(n / 4),
        "a  \n".repeat(n / 4),
        "\\".repeat(n),
        "~~a ".repeat(n / 4),
        "# ".repeat(n / 2),
    ];
    for case in &cases {
        let start = Instant::now();
        let blocks = parse(case);
        let plain = to_plain(case);
        let html = to_html(case);
        let took = start.elapsed();
        let sample: String = case.chars().take(12).collect();
        assert!(took < Duration::from_secs(5), "{sample:?}… took {took:?}");
        assert!(depth(&blocks) <= 2 * MAX_DEPTH + 40, "{sample:?}");
        assert!(
            !plain.is_empty() || case.trim().is_empty() || !html.is_empty(),
            "{sample:?}"
        );
    }
}
