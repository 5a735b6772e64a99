//! Lowering the `policy "id" { … }` header: what the document is, what it builds on,
//! when it is in force.

use super::Rule;
use super::literal::{parse_date, string_value, unit};
use super::lower::Lowering;
use crate::ast::*;
use pest::iterators::Pair;

impl Lowering {
    pub fn header_file(&self, pair: Pair<Rule>) -> Option<Header> {
        let header = pair.into_inner().find(|p| p.as_rule() == Rule::header)?;
        Some(self.header(header))
    }

    fn header(&self, pair: Pair<Rule>) -> Header {
        let span = self.span(&pair);
        let mut inner = pair.into_inner();
        inner.next(); // kw_policy
        let id_pair = inner.next();
        let id = match id_pair {
            Some(p) => Spanned {
                span: self.span(&p),
                node: string_value(p),
            },
            None => Spanned {
                span,
                node: String::new(),
            },
        };
        let mut header = Header::new(id, span);
        for entry in inner.flat_map(|e| e.into_inner()) {
            let rule = entry.as_rule();
            let mut parts = entry.into_inner();
            parts.next(); // the keyword
            let Some(value) = parts.next() else { continue };
            match rule {
                Rule::title_entry => header.title = Some(string_value(value)),
                Rule::issuer_entry => header.issuer = Some(string_value(value)),
                Rule::document_entry => header.document = Some(string_value(value)),
                Rule::issued_entry => header.issued = parse_date(value.as_str()),
                Rule::effective_entry => {
                    header.effective = match value.as_rule() {
                        Rule::date => parse_date(value.as_str()).map(Effective::On),
                        _ => Some(Effective::Unspecified),
                    }
                }
                Rule::valid_for_entry => {
                    let n = value.as_str().parse().unwrap_or(0);
                    let unit = parts.next().map_or(Unit::Years, |u| unit(u.as_str()));
                    header.valid_for = Some((n, unit));
                }
                Rule::amends_entry => {
                    header.amends = Some(Spanned {
                        span: self.span(&value),
                        node: string_value(value),
                    })
                }
                Rule::until_entry => header.until = parse_date(value.as_str()),
                Rule::calendar_entry => header.calendars.push(Spanned {
                    span: self.span(&value),
                    node: string_value(value),
                }),
                Rule::source_text_entry => {
                    header.source_text = Some(Spanned {
                        span: self.span(&value),
                        node: string_value(value),
                    })
                }
                Rule::uses_entry => header.uses.push(Spanned {
                    span: self.span(&value),
                    node: string_value(value),
                }),
                Rule::note_entry => header.notes.push(string_value(value)),
                _ => {}
            }
        }
        header
    }
}
