//! Documents to plain text. Headings stay in the text (as their own paragraphs) and are also
//! listed with their byte offsets, so a chunk can carry the heading path it sits under.

use std::cell::RefCell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    states::RawKind, BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer,
    TokenizerOpts,
};
use pulldown_cmark::{Event, Parser, Tag as MdTag, TagEnd};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContentType {
    Plain,
    Markdown,
    Html,
}

impl ContentType {
    /// A media type (parameters such as `; charset=utf-8` ignored), or `None` if unsupported.
    pub fn parse(media_type: &str) -> Option<Self> {
        let essence = media_type.split(';').next().unwrap_or_default().trim();
        match essence.to_ascii_lowercase().as_str() {
            "text/plain" => Some(Self::Plain),
            "text/markdown" | "text/x-markdown" => Some(Self::Markdown),
            "text/html" | "application/xhtml+xml" => Some(Self::Html),
            _ => None,
        }
    }

    /// From a file name's extension (`.txt`, `.md`, `.html`), for uploads.
    pub fn from_file_name(name: &str) -> Option<Self> {
        let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" => Some(Self::Plain),
            "md" | "markdown" => Some(Self::Markdown),
            "html" | "htm" => Some(Self::Html),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Plain => "text/plain",
            Self::Markdown => "text/markdown",
            Self::Html => "text/html",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// Byte offset of the heading's text in [`Extracted::text`].
    pub offset: usize,
    /// 1 (top) to 6.
    pub level: u8,
    pub title: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extracted {
    /// Paragraphs separated by blank lines.
    pub text: String,
    /// In document order.
    pub headings: Vec<Heading>,
}

impl Extracted {
    /// The titles of the headings in force at byte `offset`, outermost first.
    pub fn heading_path(&self, offset: usize) -> Vec<String> {
        let mut path: Vec<&Heading> = Vec::new();
        for h in self.headings.iter().take_while(|h| h.offset <= offset) {
            while path.last().is_some_and(|p| p.level >= h.level) {
                path.pop();
            }
            path.push(h);
        }
        path.into_iter().map(|h| h.title.clone()).collect()
    }
}

pub fn extract(content_type: ContentType, source: &str) -> Extracted {
    match content_type {
        ContentType::Plain => Extracted {
            text: source.to_string(),
            headings: Vec::new(),
        },
        ContentType::Markdown => markdown(source),
        ContentType::Html => html(source),
    }
}

/// Builds the text, keeping block boundaries as blank lines.
#[derive(Default)]
struct TextBuilder {
    out: Extracted,
    heading: Option<(u8, usize)>,
}

impl TextBuilder {
    fn paragraph_break(&mut self) {
        let trimmed = self.out.text.trim_end_matches([' ', '\t', '\n']).len();
        self.out.text.truncate(trimmed);
        if !self.out.text.is_empty() {
            self.out.text.push_str("\n\n");
        }
    }

    fn line_break(&mut self) {
        let trimmed = self.out.text.trim_end_matches([' ', '\t']).len();
        self.out.text.truncate(trimmed);
        if !self.out.text.is_empty() && !self.out.text.ends_with('\n') {
            self.out.text.push('\n');
        }
    }

    /// Appends text with runs of whitespace collapsed (HTML and markdown soft wrapping).
    fn push_collapsed(&mut self, s: &str) {
        for c in s.chars() {
            if c.is_whitespace() {
                let at_start = self.out.text.is_empty() || self.out.text.ends_with(['\n', ' ']);
                if !at_start {
                    self.out.text.push(' ');
                }
            } else {
                self.out.text.push(c);
            }
        }
    }

    fn push_verbatim(&mut self, s: &str) {
        self.out.text.push_str(s);
    }

    fn start_heading(&mut self, level: u8) {
        self.paragraph_break();
        self.heading = Some((level, self.out.text.len()));
    }

    fn end_heading(&mut self) {
        if let Some((level, offset)) = self.heading.take() {
            let title = self.out.text[offset..].trim().to_string();
            if !title.is_empty() {
                self.out.headings.push(Heading {
                    offset,
                    level,
                    title,
                });
            }
        }
        self.paragraph_break();
    }

    fn finish(mut self) -> Extracted {
        let trimmed = self.out.text.trim_end().len();
        self.out.text.truncate(trimmed);
        self.out
    }
}

fn markdown(source: &str) -> Extracted {
    let mut b = TextBuilder::default();
    let mut in_code_block = false;
    for event in Parser::new_ext(source, pulldown_cmark::Options::ENABLE_TABLES) {
        match event {
            Event::Start(MdTag::Heading { level, .. }) => b.start_heading(level as u8),
            Event::End(TagEnd::Heading(_)) => b.end_heading(),
            Event::Start(MdTag::CodeBlock(_)) => {
                b.paragraph_break();
                in_code_block = true;
            }
            Event::End(TagEnd::CodeBlock) => {
                in_code_block = false;
                b.paragraph_break();
            }
            Event::Start(MdTag::Item) | Event::End(TagEnd::TableRow | TagEnd::TableHead) => {
                b.line_break()
            }
            Event::End(TagEnd::TableCell) => b.push_collapsed(" "),
            Event::End(
                TagEnd::Paragraph | TagEnd::List(_) | TagEnd::BlockQuote(_) | TagEnd::Table,
            )
            | Event::Rule => b.paragraph_break(),
            Event::Text(t) if in_code_block => b.push_verbatim(&t),
            Event::Text(t) | Event::Code(t) => b.push_collapsed(&t),
            Event::SoftBreak => b.push_collapsed(" "),
            Event::HardBreak => b.line_break(),
            // Raw HTML inside markdown is markup, not content.
            _ => {}
        }
    }
    b.finish()
}

const SKIPPED_ELEMENTS: &[&str] = &["script", "style", "noscript", "template", "svg", "head"];
const BLOCK_ELEMENTS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "header",
    "footer",
    "nav",
    "aside",
    "main",
    "ul",
    "ol",
    "table",
    "blockquote",
    "pre",
    "figure",
    "figcaption",
    "dl",
    "form",
    "fieldset",
    "address",
    "hr",
    "body",
    "html",
];
const LINE_ELEMENTS: &[&str] = &["br", "li", "tr", "dt", "dd", "caption"];

#[derive(Default)]
struct HtmlState {
    builder: TextBuilder,
    /// Depth inside skipped elements (their text is not content).
    skip_depth: usize,
    pre_depth: usize,
}

struct HtmlSink(RefCell<HtmlState>);

impl HtmlSink {
    fn tag(&self, tag: &Tag) -> TokenSinkResult<()> {
        let mut s = self.0.borrow_mut();
        let name: &str = &tag.name;
        let start = tag.kind == TagKind::StartTag;
        if SKIPPED_ELEMENTS.contains(&name) {
            if start && !tag.self_closing {
                s.skip_depth += 1;
                return match name {
                    "script" => TokenSinkResult::RawData(RawKind::ScriptData),
                    "style" | "noscript" => TokenSinkResult::RawData(RawKind::Rawtext),
                    _ => TokenSinkResult::Continue,
                };
            } else if !start {
                s.skip_depth = s.skip_depth.saturating_sub(1);
            }
            return TokenSinkResult::Continue;
        }
        if s.skip_depth > 0 {
            return TokenSinkResult::Continue;
        }
        let heading_level = match name.as_bytes() {
            [b'h', d @ b'1'..=b'6'] => Some(d - b'0'),
            _ => None,
        };
        match (heading_level, start) {
            (Some(level), true) => s.builder.start_heading(level),
            (Some(_), false) => s.builder.end_heading(),
            (None, _) if name == "pre" => {
                s.builder.paragraph_break();
                if start {
                    s.pre_depth += 1;
                } else {
                    s.pre_depth = s.pre_depth.saturating_sub(1);
                }
            }
            (None, _) if BLOCK_ELEMENTS.contains(&name) => s.builder.paragraph_break(),
            (None, _) if LINE_ELEMENTS.contains(&name) => s.builder.line_break(),
            (None, false) if name == "td" || name == "th" => s.builder.push_collapsed(" "),
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

impl TokenSink for HtmlSink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        match token {
            Token::TagToken(tag) => self.tag(&tag),
            Token::CharacterTokens(text) => {
                let mut s = self.0.borrow_mut();
                if s.skip_depth == 0 {
                    if s.pre_depth > 0 {
                        s.builder.push_verbatim(&text);
                    } else {
                        s.builder.push_collapsed(&text);
                    }
                }
                TokenSinkResult::Continue
            }
            _ => TokenSinkResult::Continue,
        }
    }
}

fn html(source: &str) -> Extracted {
    let sink = HtmlSink(RefCell::new(HtmlState::default()));
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(source));
    // No script execution here, so a `Script` pause just means "go on".
    while !matches!(tokenizer.feed(&input), html5ever::TokenizerResult::Done) {}
    tokenizer.end();
    let state = tokenizer.sink.0.into_inner();
    state.builder.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_types_parse_with_parameters_and_file_names() {
        assert_eq!(
            ContentType::parse("text/markdown; charset=utf-8"),
            Some(ContentType::Markdown)
        );
        assert_eq!(ContentType::parse("TEXT/HTML"), Some(ContentType::Html));
        assert_eq!(ContentType::parse("application/pdf"), None);
        assert_eq!(
            ContentType::from_file_name("notes.MD"),
            Some(ContentType::Markdown)
        );
        assert_eq!(
            ContentType::from_file_name("a.txt"),
            Some(ContentType::Plain)
        );
        assert_eq!(ContentType::from_file_name("a.docx"), None);
    }

    #[test]
    fn markdown_keeps_headings_as_paragraphs_and_drops_markup() {
        let md = "# Wings\n\nLift is *generated* by the `wing`.\nIt also drags.\n\n## Flaps\n\n- one\n- two\n\n```\nlet x = 1;\n```\n";
        let e = extract(ContentType::Markdown, md);
        assert_eq!(
            e.text,
            "Wings\n\nLift is generated by the wing. It also drags.\n\nFlaps\n\none\ntwo\n\nlet x = 1;"
        );
        assert_eq!(e.headings.len(), 2);
        assert_eq!(&e.text[e.headings[1].offset..][..5], "Flaps");
        assert_eq!(
            e.heading_path(e.text.find("one").unwrap()),
            vec!["Wings", "Flaps"]
        );
        assert_eq!(e.heading_path(e.text.find("Lift").unwrap()), vec!["Wings"]);
    }

    #[test]
    fn html_skips_scripts_and_decodes_entities() {
        let html = "<html><head><title>T</title><style>p{}</style></head><body>\
            <h1>Boundary &amp; layers</h1><p>Flow   separates\n near the <b>edge</b>.</p>\
            <script>if (a<b) { document.write('<p>no</p>') }</script>\
            <h2>Sub</h2><ul><li>first</li><li>second</li></ul><h1>Other</h1><p>x</p></body></html>";
        let e = extract(ContentType::Html, html);
        assert_eq!(
            e.text,
            "Boundary & layers\n\nFlow separates near the edge.\n\nSub\n\nfirst\nsecond\n\nOther\n\nx"
        );
        assert_eq!(
            e.heading_path(e.text.find("second").unwrap()),
            vec!["Boundary & layers", "Sub"]
        );
        // A new top-level heading closes the previous section.
        assert_eq!(e.heading_path(e.text.find('x').unwrap()), vec!["Other"]);
    }

    #[test]
    fn plain_text_is_untouched() {
        let e = extract(ContentType::Plain, "  a\r\n\r\nb ");
        assert_eq!(e.text, "  a\r\n\r\nb ");
        assert!(e.headings.is_empty());
    }
}
