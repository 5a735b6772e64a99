//! What-if edits of a case: `set`, `unset` and `push` on the case's YAML tree, and the
//! tree written back as YAML (for `:save`, and to load the edited case again with the
//! same validation as a case file).

use crate::lang::Text;
use crate::report::Lang;
use crate::report::messages::Msg;

use crate::source::{FileId, Span};
use crate::yaml::{ScalarStyle, YamlKind, YamlNode, parse_documents};

/// Why an edit cannot be made: a message of the catalogue and its values, told in
/// the session's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditError(Text);

impl EditError {
    fn new(message: Msg, args: &[&str]) -> EditError {
        EditError(message.with(args.iter().copied()))
    }

    /// The reason in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        self.0.get(lang).into_owned()
    }
}

/// One step of a path: a key, or a list index (`services[2]`).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
    Key(String),
    Index(usize),
}

fn steps(path: &str) -> Result<Vec<Step>, EditError> {
    let mut out = Vec::new();
    for part in path.split('.') {
        let (name, rest) = part.split_once('[').map_or((part, None), |(n, r)| (n, Some(r)));
        if name.trim().is_empty() {
            return Err(EditError::new(Msg::NotAFieldPath, &[path]));
        }
        out.push(Step::Key(name.trim().to_string()));
        if let Some(rest) = rest {
            let index = rest
                .trim_end_matches(']')
                .trim()
                .parse()
                .map_err(|_| EditError::new(Msg::NotAListIndex, &[rest]))?;
            out.push(Step::Index(index));
        }
    }
    Ok(out)
}

fn nowhere() -> Span {
    Span::new(FileId(0), 0, 0)
}

fn key(name: &str) -> YamlNode {
    YamlNode {
        kind: YamlKind::Scalar {
            text: name.to_string(),
            style: ScalarStyle::Plain,
        },
        span: nowhere(),
    }
}

/// An empty case: a mapping with nothing in it.
pub fn empty_case() -> YamlNode {
    YamlNode {
        kind: YamlKind::Map(Vec::new()),
        span: nowhere(),
    }
}

/// A value typed after `=`, read as YAML: `1975-03-10`, `true`, `"430…"`, `{date: …}`.
pub fn parse_value(text: &str) -> Result<YamlNode, EditError> {
    let docs = parse_documents(FileId(0), text);
    let Some(doc) = docs.into_iter().next() else {
        return Err(EditError::new(Msg::ValueMissing, &[]));
    };
    if let Some(d) = doc.diagnostics.first() {
        return Err(EditError(Msg::NotAValue.with([Text::from(text), d.message.clone()])));
    }
    Ok(doc.root)
}

/// The node at `path`, created (as mappings) where missing.
fn slot<'a>(root: &'a mut YamlNode, path: &[Step]) -> Result<&'a mut YamlNode, EditError> {
    let mut node = root;
    for step in path {
        if node.is_null() {
            node.kind = match step {
                Step::Key(_) => YamlKind::Map(Vec::new()),
                Step::Index(_) => YamlKind::Seq(Vec::new()),
            };
        }
        node = match (step, &mut node.kind) {
            (Step::Key(name), YamlKind::Map(pairs)) => {
                let at = match pairs
                    .iter()
                    .position(|(k, _)| k.as_scalar().is_some_and(|(t, _)| t == name))
                {
                    Some(i) => i,
                    None => {
                        pairs.push((key(name), YamlNode::null(nowhere())));
                        pairs.len() - 1
                    }
                };
                &mut pairs[at].1
            }
            (Step::Index(i), YamlKind::Seq(items)) => {
                let len = items.len();
                items
                    .get_mut(*i)
                    .ok_or_else(|| EditError::new(Msg::NoSuchItem, &[&len.to_string(), &i.to_string()]))?
            }
            (Step::Key(name), _) => return Err(EditError::new(Msg::CannotSetInside, &[name])),
            (Step::Index(i), _) => return Err(EditError::new(Msg::CannotIndex, &[&i.to_string()])),
        };
    }
    Ok(node)
}

/// `set path = value`.
pub fn set(root: &mut YamlNode, path: &str, value: YamlNode) -> Result<(), EditError> {
    *slot(root, &steps(path)?)? = value;
    Ok(())
}

/// `unset path`: the field is left out, as if the case file did not give it.
pub fn unset(root: &mut YamlNode, path: &str) -> Result<(), EditError> {
    let mut steps = steps(path)?;
    let Some(last) = steps.pop() else {
        return Err(EditError::new(Msg::PathMissing, &[]));
    };
    let parent = slot(root, &steps)?;
    match (last, &mut parent.kind) {
        (Step::Key(name), YamlKind::Map(pairs)) => {
            let before = pairs.len();
            pairs.retain(|(k, _)| k.as_scalar().is_none_or(|(t, _)| t != name));
            if pairs.len() == before {
                return Err(EditError::new(Msg::NotGivenInCase, &[path]));
            }
            Ok(())
        }
        (Step::Index(i), YamlKind::Seq(items)) if i < items.len() => {
            items.remove(i);
            Ok(())
        }
        _ => Err(EditError::new(Msg::NotGivenInCase, &[path])),
    }
}

/// `push path {…}`: adds an item at the end of a list.
pub fn push(root: &mut YamlNode, path: &str, value: YamlNode) -> Result<(), EditError> {
    let node = slot(root, &steps(path)?)?;
    if node.is_null() {
        node.kind = YamlKind::Seq(Vec::new());
    }
    match &mut node.kind {
        YamlKind::Seq(items) => {
            items.push(value);
            Ok(())
        }
        _ => Err(EditError::new(Msg::NotAList, &[path])),
    }
}

/// The tree as block-style YAML.
pub fn to_yaml(root: &YamlNode) -> String {
    let mut out = String::new();
    match &root.kind {
        YamlKind::Map(pairs) if !pairs.is_empty() => emit_map(pairs, 0, &mut out),
        _ => out.push_str("{}\n"),
    }
    out
}

fn emit_map(pairs: &[(YamlNode, YamlNode)], indent: usize, out: &mut String) {
    for (i, (k, v)) in pairs.iter().enumerate() {
        // The first key of a list item goes on the `- ` line.
        if !(i == 0 && out.ends_with("- ")) {
            out.push_str(&" ".repeat(indent));
        }
        out.push_str(&scalar_text(k));
        out.push(':');
        emit_value(v, indent, out);
    }
}

fn emit_value(v: &YamlNode, indent: usize, out: &mut String) {
    match &v.kind {
        YamlKind::Scalar { .. } => {
            out.push(' ');
            out.push_str(&scalar_text(v));
            out.push('\n');
        }
        YamlKind::Map(pairs) if pairs.is_empty() => out.push_str(" {}\n"),
        YamlKind::Seq(items) if items.is_empty() => out.push_str(" []\n"),
        YamlKind::Map(pairs) => {
            out.push('\n');
            emit_map(pairs, indent + 2, out);
        }
        YamlKind::Seq(items) => {
            out.push('\n');
            for item in items {
                out.push_str(&" ".repeat(indent + 2));
                out.push_str("- ");
                match &item.kind {
                    YamlKind::Map(pairs) if !pairs.is_empty() => emit_map(pairs, indent + 4, out),
                    _ => {
                        let mut one = String::new();
                        emit_value(item, indent + 2, &mut one);
                        out.push_str(one.trim_start());
                    }
                }
            }
        }
    }
}

fn scalar_text(node: &YamlNode) -> String {
    match &node.kind {
        YamlKind::Scalar {
            text,
            style: ScalarStyle::Plain,
        } if text.is_empty() => "null".into(),
        YamlKind::Scalar {
            text,
            style: ScalarStyle::Plain,
        } => text.clone(),
        YamlKind::Scalar {
            text,
            style: ScalarStyle::Quoted,
        } => {
            let escaped = text.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n");
            format!("\"{escaped}\"")
        }
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn case(text: &str) -> YamlNode {
        parse_value(text).unwrap()
    }

    #[test]
    fn set_unset_and_push_edit_the_tree() {
        let mut root = case("id: a\nperson: { gender: male }\n");
        set(&mut root, "person.birth_date", parse_value("1975-03-10").unwrap()).unwrap();
        set(
            &mut root,
            "registration.unemployed_since",
            parse_value("2025-01-10").unwrap(),
        )
        .unwrap();
        push(
            &mut root,
            "services",
            parse_value("{date: 2025-04-02, kind: job_posting}").unwrap(),
        )
        .unwrap();
        push(
            &mut root,
            "services",
            parse_value("{date: 2025-05-02, kind: training}").unwrap(),
        )
        .unwrap();
        set(&mut root, "services[1].refused", parse_value("true").unwrap()).unwrap();
        unset(&mut root, "person.gender").unwrap();
        assert_eq!(
            to_yaml(&root),
            "id: a\nperson:\n  birth_date: 1975-03-10\nregistration:\n  unemployed_since: 2025-01-10\n\
             services:\n  - date: 2025-04-02\n    kind: job_posting\n  - date: 2025-05-02\n    kind: training\n    refused: true\n"
        );
        assert!(unset(&mut root, "person.gender").is_err());
        assert!(set(&mut root, "services[5].x", parse_value("1").unwrap()).is_err());
    }

    #[test]
    fn the_written_yaml_reads_back_the_same() {
        let text = "id: \"x\\\"y\"\nperson:\n  id_number: \"11010519491231002X\"\nmembers:\n  - relation: 配偶\n    employed: false\n";
        let root = case(text);
        let again = case(&to_yaml(&root));
        assert_eq!(to_yaml(&again), to_yaml(&root));
        assert!(to_yaml(&root).contains("id_number: \"11010519491231002X\""));
    }
}
