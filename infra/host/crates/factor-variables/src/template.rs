//! Variable names and `{{ name }}` templates, with Spin's rules.

/// Checks a variable name: lowercase ASCII letters, digits and single underscores, starting
/// with a letter and not ending with an underscore (so names map cleanly onto environment
/// variable names). Returns the reason it is invalid.
pub(crate) fn check_name(name: &str) -> Result<(), String> {
    let Some(first) = name.bytes().next() else {
        return Err("must not be empty".into());
    };
    if let Some(bad) = name
        .chars()
        .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_'))
    {
        return Err(format!(
            "invalid character {bad:?}; names may contain only lowercase letters, digits and underscores"
        ));
    }
    if !first.is_ascii_lowercase() {
        return Err("must start with a lowercase letter".into());
    }
    if name.ends_with('_') {
        return Err("must end with a lowercase letter or digit".into());
    }
    if name.contains("__") {
        return Err("must not contain consecutive underscores".into());
    }
    Ok(())
}

/// A string with `{{ name }}` expressions (whitespace inside the braces is ignored).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Template {
    parts: Vec<Part>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Part {
    Literal(String),
    Variable(String),
}

impl Template {
    /// Parses a template. Errors never quote the template itself: a literal may be a secret.
    pub(crate) fn parse(text: &str) -> Result<Self, String> {
        let mut parts = Vec::new();
        let mut rest = text;
        while !rest.is_empty() {
            match rest.find("{{") {
                Some(0) => {
                    let (expr, after) = rest[2..]
                        .split_once("}}")
                        .ok_or_else(|| "unmatched '{{'".to_string())?;
                    let name = expr.trim();
                    check_name(name).map_err(|reason| {
                        format!("invalid variable name {name:?} in '{{{{ }}}}': {reason}")
                    })?;
                    parts.push(Part::Variable(name.to_string()));
                    rest = after;
                }
                Some(start) => {
                    parts.push(Part::Literal(rest[..start].to_string()));
                    rest = &rest[start..];
                }
                None => {
                    parts.push(Part::Literal(rest.to_string()));
                    rest = "";
                }
            }
        }
        Ok(Self { parts })
    }

    /// Names of the variables the template refers to.
    pub(crate) fn variables(&self) -> impl Iterator<Item = &str> {
        self.parts.iter().filter_map(|part| match part {
            Part::Variable(name) => Some(name.as_str()),
            Part::Literal(_) => None,
        })
    }

    /// Fills in the template; `lookup` must know every variable it refers to.
    pub(crate) fn render<'a>(
        &self,
        lookup: impl Fn(&str) -> Option<&'a str>,
    ) -> Result<String, String> {
        let mut out = String::new();
        for part in &self.parts {
            match part {
                Part::Literal(text) => out.push_str(text),
                Part::Variable(name) => out.push_str(
                    lookup(name).ok_or_else(|| format!("unknown application variable {name:?}"))?,
                ),
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        for good in ["a", "abc", "a1b2", "a_1", "api_key", "x_y_z"] {
            assert_eq!(check_name(good), Ok(()), "{good}");
        }
        for bad in ["", "A", "aX", "1a", "_a", "a_", "a__b", "a-b", "a.b", "é"] {
            assert!(check_name(bad).is_err(), "{bad:?} should be invalid");
        }
    }

    #[test]
    fn parses_parts() {
        let t = Template::parse("pre-{{ a }}-{{b}}{{  c_1 }}").unwrap();
        assert_eq!(
            t.parts,
            [
                Part::Literal("pre-".into()),
                Part::Variable("a".into()),
                Part::Literal("-".into()),
                Part::Variable("b".into()),
                Part::Variable("c_1".into()),
            ]
        );
        assert_eq!(t.variables().collect::<Vec<_>>(), ["a", "b", "c_1"]);
        assert_eq!(Template::parse("").unwrap().parts, []);
        assert_eq!(
            Template::parse("plain } { text").unwrap().parts,
            [Part::Literal("plain } { text".into())]
        );
    }

    #[test]
    fn rejects_bad_templates() {
        assert!(Template::parse("{{ a }} {{ b")
            .unwrap_err()
            .contains("unmatched"));
        assert!(Template::parse("{{ }}").unwrap_err().contains("empty"));
        assert!(Template::parse("{{ Bad }}")
            .unwrap_err()
            .contains("\"Bad\""));
    }

    #[test]
    fn renders() {
        let t = Template::parse("x{{ a }}y{{ b }}").unwrap();
        let lookup = |name: &str| match name {
            "a" => Some("1"),
            "b" => Some("2"),
            _ => None,
        };
        assert_eq!(t.render(lookup).unwrap(), "x1y2");
        let missing = Template::parse("{{ c }}").unwrap();
        assert!(missing.render(lookup).unwrap_err().contains("\"c\""));
    }
}
