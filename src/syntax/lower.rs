//! Lowering: pest parse trees → AST, one function per grammar rule.

use super::Rule;
use super::keywords::{in_english, keyword};
use super::literal::{parse_date, parse_month, rule_id, severity, string_value};
use super::messages::SyntaxMsg;
use crate::ast::*;
use crate::diagnostic::{Code, Diagnostic};
use crate::source::{FileId, Span};
use pest::iterators::Pair;

/// Lowering results; the error is boxed to keep results small.
pub(super) type Lowered<T> = Result<T, Box<Diagnostic>>;

/// Context for lowering one chunk of a file: which file, where the chunk starts, and how
/// deep the expression being lowered is.
pub(super) struct Lowering {
    pub file: FileId,
    pub base: usize,
    /// Levels of the expressions being lowered, counted as `expr` counts them.
    pub depth: std::cell::Cell<usize>,
}

impl Lowering {
    pub fn new(file: FileId, base: usize) -> Lowering {
        Lowering {
            file,
            base,
            depth: std::cell::Cell::new(0),
        }
    }

    pub fn span(&self, pair: &Pair<Rule>) -> Span {
        let s = pair.as_span();
        Span::new(self.file, self.base + s.start(), self.base + s.end())
    }

    pub fn ident(&self, pair: Pair<Rule>) -> Ident {
        Spanned {
            span: self.span(&pair),
            node: pair.as_str().to_string(),
        }
    }

    pub fn items(&self, pair: Pair<Rule>) -> Lowered<Vec<Item>> {
        pair.into_inner()
            .filter(|p| p.as_rule() != Rule::EOI)
            .map(|p| self.item(p))
            .collect()
    }

    fn item(&self, pair: Pair<Rule>) -> Lowered<Item> {
        Ok(match pair.as_rule() {
            Rule::enum_decl => Item::Enum(self.enum_decl(pair)),
            Rule::case_decl => Item::Case(self.case_decl(pair)?),
            Rule::param_decl => Item::Param(self.define(pair)?),
            Rule::define_decl => Item::Define(self.define(pair)?),
            Rule::table_decl => Item::Table(self.table(pair)?),
            Rule::rule_decl => Item::Rule(self.rule(pair)?),
            Rule::replace_decl => {
                let span = self.span(&pair);
                match pair.into_inner().nth(1) {
                    Some(inner) => Item::Replace(Box::new(self.item(inner)?), span),
                    None => return Err(self.missing(span)),
                }
            }
            Rule::repeal_decl => Item::Repeal(self.repeal(pair)?),
            Rule::decision_decl => Item::Decision(
                pair.into_inner()
                    .skip(1)
                    .map(|f| {
                        let mut parts = f.into_inner();
                        let name = self.next_ident(&mut parts)?;
                        let expr = self.next_expr(&mut parts)?;
                        Ok(DecisionField { name, expr })
                    })
                    .collect::<Lowered<_>>()?,
            ),
            _ => return Err(self.unexpected(&pair)),
        })
    }

    fn enum_decl(&self, pair: Pair<Rule>) -> EnumDecl {
        let span = self.span(&pair);
        let mut inner = pair.into_inner();
        inner.next(); // kw_enum
        let name = inner.next().map(|p| self.ident(p));
        let label = inner.next().map(|p| self.label(p)).unwrap_or_default();
        let mut cite = None;
        if inner.peek().is_some_and(|p| p.as_rule() == Rule::citation) {
            cite = inner.next().map(|p| self.citation(p));
        }
        let variants = inner
            .map(|v| {
                let mut parts = v.into_inner();
                let name = parts.next().map(|p| self.ident(p));
                let label = parts.next().map(|p| self.label(p));
                (name, label)
            })
            .filter_map(|(n, l)| n.map(|n| (n, l)))
            .collect();
        let name = name.unwrap_or_else(|| Spanned {
            node: String::new(),
            span: Span::new(self.file, 0, 0),
        });
        EnumDecl {
            name,
            label,
            cite,
            variants,
            span,
        }
    }

    /// Fields and `order` declarations of one record.
    /// `case { … }`. Its top-level fields are the first names of paths in expressions,
    /// where a keyword cannot stand (`类别.x` is the rule kind), so none may be one; a
    /// field below them follows a `.` and may.
    fn case_decl(&self, pair: Pair<Rule>) -> Lowered<RecordDecl> {
        let record = self.record_decl(pair.into_inner().skip(1))?;
        if let Some(field) = record.fields.iter().find(|f| keyword(&f.name.node).is_some()) {
            let name = field.name.node.as_str();
            let english = keyword(name).map_or(name, |k| k.english[0]);
            return Err(Box::new(
                Diagnostic::error(Code::Syntax, SyntaxMsg::KeywordField.with([name, english]))
                    .at(field.name.span, SyntaxMsg::KeywordFieldLabel)
                    .with_help(SyntaxMsg::KeywordFieldHelp),
            ));
        }
        Ok(record)
    }

    fn record_decl<'i>(&self, pairs: impl Iterator<Item = Pair<'i, Rule>>) -> Lowered<RecordDecl> {
        let mut record = RecordDecl::default();
        for pair in pairs {
            if pair.as_rule() == Rule::order_decl {
                let span = self.span(&pair);
                let paths = pair
                    .into_inner()
                    .filter(|p| p.as_rule() == Rule::field_path)
                    .map(|p| p.into_inner().map(|n| self.ident(n)).collect())
                    .collect();
                record.orders.push(OrderDecl { paths, span });
            } else {
                record.fields.push(self.field(pair)?);
            }
        }
        Ok(record)
    }

    fn field(&self, pair: Pair<Rule>) -> Lowered<FieldDecl> {
        let span = self.span(&pair);
        let mut inner = pair.into_inner();
        let name = self.next_ident(&mut inner)?;
        let Some(next) = inner.next() else {
            return Err(self.missing(span));
        };
        let shape = if next.as_rule() == Rule::record_body {
            let mut parts = next.into_inner();
            let label = parts.next().map(|p| self.label(p)).unwrap_or_default();
            FieldShape::Record {
                label,
                body: self.record_decl(parts)?,
            }
        } else {
            let ty = self.type_expr(next)?;
            let (mut optional, mut default, mut label, mut derive) = (false, None, Label::default(), None);
            let mut note = None;
            for part in inner {
                match part.as_rule() {
                    Rule::optional_mark => optional = true,
                    Rule::field_default => {
                        if let Some(lit) = part.into_inner().next() {
                            default = Some(Box::new(self.literal(lit)?));
                        }
                    }
                    Rule::label => label = self.label(part),
                    Rule::derive_clause => derive = Some(self.derive(part)),
                    Rule::note => note = part.into_inner().nth(1).map(string_value),
                    _ => {}
                }
            }
            FieldShape::Value {
                ty,
                optional,
                default,
                label,
                derive,
                note,
            }
        };
        Ok(FieldDecl { name, shape, span })
    }

    pub(super) fn type_expr(&self, pair: Pair<Rule>) -> Lowered<TypeExpr> {
        let span = self.span(&pair);
        let Some(inner) = pair.into_inner().next() else {
            return Err(self.missing(span));
        };
        match inner.as_rule() {
            Rule::named_type => match inner.into_inner().next() {
                Some(id) => Ok(TypeExpr::Named(self.ident(id))),
                None => Err(self.missing(span)),
            },
            Rule::list_type => {
                let Some(element) = inner.into_inner().nth(2) else {
                    return Err(self.missing(span));
                };
                if element.as_rule() == Rule::list_record {
                    Ok(TypeExpr::ListOfRecords(self.record_decl(element.into_inner())?, span))
                } else {
                    let element = match element.into_inner().next() {
                        Some(id) => TypeExpr::Named(self.ident(id)),
                        None => return Err(self.missing(span)),
                    };
                    Ok(TypeExpr::List(Box::new(element), span))
                }
            }
            Rule::shape_type => self.shape(inner, span),
            _ => Err(self.unexpected(&inner)),
        }
    }

    fn derive(&self, pair: Pair<Rule>) -> Derive {
        let span = self.span(&pair);
        let mut path = Vec::new();
        let mut names = Vec::new();
        for part in pair.into_inner() {
            match part.as_rule() {
                Rule::path => path = part.into_inner().map(|p| self.ident(p)).collect(),
                Rule::variant_name => names.push(self.ident(part)),
                _ => {}
            }
        }
        let variants = match (names.first(), names.get(1)) {
            (Some(a), Some(b)) => Some((a.clone(), b.clone())),
            _ => None,
        };
        Derive { path, variants, span }
    }

    fn define(&self, pair: Pair<Rule>) -> Lowered<DefineDecl> {
        let span = self.span(&pair);
        let mut inner = pair.into_inner();
        inner.next(); // keyword
        let name = self.next_ident(&mut inner)?;
        let (mut label, mut cite, mut expr, mut note) = (Label::default(), None, None, None);
        let mut params = Vec::new();
        for part in inner {
            match part.as_rule() {
                Rule::parameters => {
                    for p in part.into_inner() {
                        let mut parts = p.into_inner();
                        let name = self.next_ident(&mut parts)?;
                        let Some(ty) = parts.next() else {
                            return Err(self.missing(span));
                        };
                        params.push((name, self.type_expr(ty)?));
                    }
                }
                Rule::label => label = self.label(part),
                Rule::citation => cite = Some(self.citation(part)),
                Rule::expr => expr = Some(self.expr(part)?),
                Rule::note => note = part.into_inner().nth(1).map(string_value),
                _ => {}
            }
        }
        let expr = expr.ok_or_else(|| self.missing(span))?;
        Ok(DefineDecl {
            name,
            label,
            cite,
            expr,
            note,
            params,
            span,
        })
    }

    fn yields(&self, pair: Pair<Rule>) -> Lowered<Vec<YieldField>> {
        pair.into_inner()
            .filter(|p| p.as_rule() == Rule::yield_field)
            .map(|field| {
                let mut name = None;
                let mut label = None;
                let mut expr = None;
                for part in field.into_inner() {
                    match part.as_rule() {
                        Rule::field_name => name = Some(self.ident(part)),
                        Rule::label => label = Some(self.label(part)),
                        _ => expr = Some(self.expr(part)?),
                    }
                }
                match (name, expr) {
                    (Some(name), Some(expr)) => Ok(YieldField { name, label, expr }),
                    _ => Err(Box::new(Diagnostic::error(Code::Syntax, SyntaxMsg::YieldIncomplete))),
                }
            })
            .collect()
    }

    pub fn record_entries(&self, pair: Pair<Rule>) -> Lowered<Vec<(Ident, Expr)>> {
        pair.into_inner()
            .map(|entry| {
                let mut parts = entry.into_inner();
                let name = self.next_ident(&mut parts)?;
                let expr = self.next_expr(&mut parts)?;
                Ok((name, expr))
            })
            .collect()
    }

    pub(super) fn citation(&self, pair: Pair<Rule>) -> Citation {
        let mut inner = pair.into_inner();
        inner.next(); // kw_cites
        let clause = inner
            .next()
            .map(|p| Spanned {
                span: self.span(&p),
                node: string_value(p),
            })
            .unwrap_or_else(|| Spanned {
                node: String::new(),
                span: Span::new(self.file, 0, 0),
            });
        let text = inner.next().map(string_value);
        Citation { clause, text }
    }

    fn rule(&self, pair: Pair<Rule>) -> Lowered<RuleDecl> {
        let span = self.span(&pair);
        let mut inner = pair.into_inner();
        let kind_pair = inner.next().ok_or_else(|| self.missing(span))?;
        let kind = RuleKind::from_keyword(in_english(kind_pair.as_str())).ok_or_else(|| self.unexpected(&kind_pair))?;
        let id_pair = inner.next().ok_or_else(|| self.missing(span))?;
        let id = Spanned {
            span: self.span(&id_pair),
            node: rule_id(id_pair.as_str()),
        };
        let mut rule = RuleDecl {
            kind,
            id,
            cite: None,
            when: None,
            severity: None,
            message: None,
            notes: Vec::new(),
            yields: None,
            span,
        };
        for part in inner {
            match part.as_rule() {
                Rule::citation => rule.cite = Some(self.citation(part)),
                Rule::rule_entry => {
                    let Some(entry) = part.into_inner().next() else {
                        continue;
                    };
                    let rule_of_entry = entry.as_rule();
                    if rule_of_entry == Rule::yields_entry {
                        rule.yields = Some(self.yields(entry)?);
                        continue;
                    }
                    let Some(value) = entry.into_inner().nth(1) else {
                        continue;
                    };
                    match rule_of_entry {
                        Rule::when_entry => rule.when = Some(self.expr(value)?),
                        Rule::severity_entry => rule.severity = Some(severity(value.as_str())),
                        Rule::message_entry => rule.message = Some(self.label(value)),
                        Rule::note => rule.notes.push(string_value(value)),
                        _ => {}
                    }
                }
                _ => {}
            }
        }
        Ok(rule)
    }

    pub fn label(&self, pair: Pair<Rule>) -> Label {
        let mut strings = pair.into_inner().filter(|p| p.as_rule() == Rule::string);
        let zh = strings.next().map(string_value).unwrap_or_default();
        let en = strings.next().map(string_value);
        Label { zh, en }
    }

    pub fn next_ident(&self, pairs: &mut pest::iterators::Pairs<Rule>) -> Lowered<Ident> {
        match pairs.next() {
            Some(p) => Ok(self.ident(p)),
            None => Err(Box::new(Diagnostic::error(Code::Syntax, SyntaxMsg::NameMissing))),
        }
    }

    pub fn next_expr(&self, pairs: &mut pest::iterators::Pairs<Rule>) -> Lowered<Expr> {
        match pairs.next() {
            Some(p) => self.expr(p),
            None => Err(Box::new(Diagnostic::error(Code::Syntax, SyntaxMsg::ExpressionMissing))),
        }
    }

    pub fn missing(&self, span: Span) -> Box<Diagnostic> {
        Box::new(Diagnostic::error(Code::Syntax, SyntaxMsg::Incomplete).at(span, SyntaxMsg::IncompleteLabel))
    }

    pub fn unexpected(&self, pair: &Pair<Rule>) -> Box<Diagnostic> {
        Box::new(
            Diagnostic::error(
                Code::Syntax,
                SyntaxMsg::Unexpected.with([format!("{:?}", pair.as_rule())]),
            )
            .at(self.span(pair), SyntaxMsg::NotExpectedHere),
        )
    }

    /// A literal value; dates are checked for existence here.
    pub fn literal(&self, pair: Pair<Rule>) -> Lowered<Expr> {
        let span = self.span(&pair);
        let Some(inner) = pair.into_inner().next() else {
            return Err(self.missing(span));
        };
        let text = inner.as_str();
        let bad = |(message, label): (SyntaxMsg, SyntaxMsg)| {
            Diagnostic::error(Code::InvalidDate, message.with([text])).at(span, label)
        };
        let lit = match inner.as_rule() {
            Rule::date => {
                Literal::Date(parse_date(text).ok_or_else(|| bad((SyntaxMsg::NotADate, SyntaxMsg::NoSuchDate)))?)
            }
            Rule::month => {
                let (y, m) = parse_month(text).ok_or_else(|| bad((SyntaxMsg::NotAMonth, SyntaxMsg::NoSuchMonth)))?;
                Literal::Month(y, m)
            }
            Rule::integer => Literal::Int(text.parse().map_err(|_| {
                Diagnostic::error(Code::Syntax, SyntaxMsg::TooLarge.with([text])).at(span, SyntaxMsg::TooLargeLabel)
            })?),
            Rule::string => Literal::Text(string_value(inner)),
            Rule::kw_true => Literal::Bool(true),
            Rule::kw_absent => Literal::Absent,
            _ => Literal::Bool(false),
        };
        Ok(Expr {
            kind: ExprKind::Lit(lit),
            span,
        })
    }
}
