//! The case schema: `case { ... }` blocks (merged across policy files) compiled into
//! record types for the checker and field readers for the case loader.

use super::messages::{CheckMsg, names};
use super::{Checker, Global};
use crate::ast::*;
use crate::diagnostic::{Code, Diagnostic, did_you_mean};
use crate::program::*;
use crate::value::{Value, YearMonth};
use std::collections::HashMap;

/// Scalar type names of the language.
pub(super) const SCALAR_TYPES: [(&str, Type); 10] = [
    ("bool", Type::Bool),
    ("int", Type::Int),
    ("text", Type::Text),
    ("date", Type::Date),
    ("month", Type::Month),
    ("resident_id", Type::ResidentId),
    ("years", Type::Quantity(Unit::Years)),
    ("months", Type::Quantity(Unit::Months)),
    ("days", Type::Quantity(Unit::Days)),
    ("working_days", Type::Quantity(Unit::WorkingDays)),
];

/// A `from` clause waiting for the whole schema to be known.
struct PendingDerive<'a> {
    record: RecordId,
    field: usize,
    derive: &'a Derive,
}

/// Compiles the case schema (`case` blocks of every file, merged); the root record
/// becomes `RecordId(0)`.
pub(super) fn compile_case<'a>(c: &mut Checker<'a>, parts: &[&'a RecordDecl]) {
    let mut pending = Vec::new();
    compile_record(c, Label::default(), parts, &mut pending);
    for p in pending {
        resolve_derive(c, p);
    }
}

fn compile_record<'a>(
    c: &mut Checker<'a>,
    label: Label,
    parts: &[&'a RecordDecl],
    pending: &mut Vec<PendingDerive<'a>>,
) -> RecordId {
    let fields: Vec<&'a FieldDecl> = parts.iter().flat_map(|p| p.fields.iter()).collect();
    let id = RecordId(c.records.len() as u16);
    c.records.push(RecordType::new(label, Vec::new()));
    c.schemas.push(Some(Vec::new()));
    // The declarations of each name, names in the order they first appear; grouped
    // with a hash map, not by going through every field for each name (fields²).
    let mut groups: Vec<(&str, Vec<&'a FieldDecl>)> = Vec::new();
    let mut places: HashMap<&str, usize> = HashMap::new();
    for f in &fields {
        let place = *places.entry(f.name.node.as_str()).or_insert_with(|| {
            groups.push((&f.name.node, Vec::new()));
            groups.len() - 1
        });
        groups[place].1.push(f);
    }
    let mut infos = Vec::new();
    let mut schema = Vec::new();
    for (name, group) in groups {
        let Some(&first) = group.first() else { continue };
        let (info, field) = match &first.shape {
            FieldShape::Record { label, .. } => {
                let mut children = Vec::new();
                for f in &group {
                    match &f.shape {
                        FieldShape::Record { body, .. } => children.push(body),
                        FieldShape::Value { .. } => duplicate(c, f, first),
                    }
                }
                let child = compile_record(c, label.clone(), &children, pending);
                let info = FieldInfo {
                    name: name.to_string(),
                    label: label.clone(),
                    ty: Type::Record(child),
                };
                let field = SchemaField {
                    name: name.to_string(),
                    label: label.clone(),
                    shape: SchemaShape::Record(child),
                    optional: true,
                    default: None,
                    derive: None,
                    note: None,
                    removed: None,
                    span: first.name.span,
                };
                (info, field)
            }
            FieldShape::Value {
                ty,
                optional,
                default,
                label,
                derive,
                note,
            } => {
                for f in &group[1..] {
                    duplicate(c, f, first);
                }
                let (shape, ty) = field_type(c, ty, pending);
                let default = default.as_ref().and_then(|d| default_value(c, d, &ty));
                if let Some(d) = derive {
                    pending.push(PendingDerive {
                        record: id,
                        field: infos.len(),
                        derive: d,
                    });
                }
                let info = FieldInfo {
                    name: name.to_string(),
                    label: label.clone(),
                    ty,
                };
                let field = SchemaField {
                    name: name.to_string(),
                    label: label.clone(),
                    shape,
                    optional: *optional || default.is_some() || derive.is_some(),
                    default,
                    derive: None,
                    note: note.clone(),
                    removed: None,
                    span: first.name.span,
                };
                (info, field)
            }
        };
        infos.push(info);
        schema.push(field);
    }
    c.records[id.0 as usize].set_fields(infos);
    c.schemas[id.0 as usize] = Some(schema);
    for order in parts.iter().flat_map(|p| p.orders.iter()) {
        if let Some(order) = compile_order(c, id, order) {
            c.orders.push((id, order));
        }
    }
    id
}

/// Resolves `order a <= b <= c` against the record it is declared in.
fn compile_order(c: &mut Checker, record: RecordId, order: &OrderDecl) -> Option<DateOrder> {
    let mut paths = Vec::new();
    let mut names = Vec::new();
    for path in &order.paths {
        let mut current = record;
        let mut indices = Vec::new();
        let mut ty = Type::Unknown;
        for (i, step) in path.iter().enumerate() {
            let fields = c.records[current.0 as usize].fields();
            let Some(index) = fields.iter().position(|f| f.name == step.node) else {
                if c.unparsed.may_have_field(&step.node) {
                    return None;
                }
                let field_names = || fields.iter().map(|f| f.name.as_str());
                let help = did_you_mean(&step.node, field_names())
                    .unwrap_or_else(|| CheckMsg::FieldsHere.with([super::messages::names(field_names())]));
                c.error(
                    Diagnostic::error(Code::UnknownField, CheckMsg::OrderUnknownField.with([&step.node]))
                        .at(step.span, CheckMsg::UnknownField)
                        .with_help(help),
                );
                return None;
            };
            indices.push(index as u16);
            ty = fields[index].ty.clone();
            if let (Type::Record(r), true) = (&ty, i + 1 < path.len()) {
                current = *r;
            }
        }
        if !matches!(ty, Type::Date | Type::Month) {
            let span = path.last().map_or(order.span, |p| p.span);
            c.error(
                Diagnostic::error(Code::TypeMismatch, CheckMsg::OrderNeedsDates).at(span, CheckMsg::NotDateOrMonth),
            );
            return None;
        }
        names.push(path.iter().map(|p| p.node.as_str()).collect::<Vec<_>>().join("."));
        paths.push(indices);
    }
    Some(DateOrder { paths, names })
}

fn duplicate(c: &mut Checker, again: &FieldDecl, first: &FieldDecl) {
    c.error(
        Diagnostic::error(Code::DuplicateName, CheckMsg::CaseFieldTwice.with([&again.name.node]))
            .at(again.name.span, CheckMsg::DeclaredAgainHere)
            .with_related(first.name.span, CheckMsg::FirstDeclaredHere)
            .with_help(CheckMsg::OnlyNestedRecords),
    );
}

fn field_type<'a>(c: &mut Checker<'a>, ty: &'a TypeExpr, pending: &mut Vec<PendingDerive<'a>>) -> (SchemaShape, Type) {
    match ty {
        TypeExpr::Named(name) => {
            let t = named_type(c, name);
            (SchemaShape::Scalar(t.clone()), t)
        }
        TypeExpr::List(element, _) => {
            let t = match element.as_ref() {
                TypeExpr::Named(name) => named_type(c, name),
                _ => Type::Unknown,
            };
            (SchemaShape::ListOf(t.clone()), Type::List(Box::new(t)))
        }
        TypeExpr::ListOfRecords(body, _) => {
            let id = compile_record(c, Label::default(), &[body], pending);
            (SchemaShape::ListOfRecords(id), Type::List(Box::new(Type::Record(id))))
        }
        TypeExpr::Shape(_, span) => {
            c.error(
                Diagnostic::error(Code::InvalidConstruct, CheckMsg::ShapeOnlyForParameters)
                    .at(*span, CheckMsg::NotAllowedHere)
                    .with_help(CheckMsg::NestedRecordHelp),
            );
            (SchemaShape::Scalar(Type::Unknown), Type::Unknown)
        }
    }
}

/// The type of a function parameter: a scalar, an enum, a record shape or a list of
/// them.
pub(super) fn parameter_type(c: &mut Checker, ty: &TypeExpr) -> Type {
    match ty {
        TypeExpr::Named(name) => named_type(c, name),
        TypeExpr::Shape(fields, _) => c.shape_type(fields),
        TypeExpr::List(element, _) => Type::List(Box::new(parameter_type(c, element))),
        TypeExpr::ListOfRecords(_, span) => {
            c.error(
                Diagnostic::error(Code::InvalidConstruct, CheckMsg::ParameterOfRecords)
                    .at(*span, CheckMsg::NotAllowedHere),
            );
            Type::Unknown
        }
    }
}

pub(super) fn named_type(c: &mut Checker, name: &Ident) -> Type {
    if let Some((_, t)) = SCALAR_TYPES.iter().find(|(n, _)| *n == name.node) {
        return t.clone();
    }
    if let Some((Global::Enum(e), _)) = c.globals.get(&name.node) {
        return Type::Enum(*e);
    }
    if c.unparsed.has_name(&name.node) {
        return Type::Unknown;
    }
    let mut candidates: Vec<String> = SCALAR_TYPES.iter().map(|(n, _)| n.to_string()).collect();
    candidates.extend(c.enums.iter().map(|e| e.name.clone()));
    let help = did_you_mean(&name.node, candidates.iter().map(String::as_str)).unwrap_or_else(|| {
        let scalars = SCALAR_TYPES.iter().take(6).map(|(n, _)| *n);
        CheckMsg::TheTypes.with([names(scalars)])
    });
    c.error(
        Diagnostic::error(Code::UnknownName, CheckMsg::NotAType.with([&name.node]))
            .at(name.span, CheckMsg::UnknownType)
            .with_help(help),
    );
    Type::Unknown
}

fn default_value(c: &mut Checker, e: &Expr, ty: &Type) -> Option<Value> {
    let ExprKind::Lit(lit) = &e.kind else { return None };
    let value = match (lit, ty) {
        (Literal::Bool(b), Type::Bool) => Value::Bool(*b),
        (Literal::Int(n), Type::Int) => Value::Int(*n),
        (Literal::Text(s), Type::Text) => Value::Text(s.as_str().into()),
        (Literal::Date(d), Type::Date) => Value::Date(*d),
        (Literal::Month(y, m), Type::Month) => Value::Month(YearMonth::new(*y, *m)),
        (Literal::Text(_) | Literal::Int(_), Type::Enum(id)) => {
            let name = match lit {
                Literal::Int(n) => n.to_string(),
                Literal::Text(s) => s.clone(),
                _ => String::new(),
            };
            match c.enums[id.0 as usize].variant(&name) {
                Some(v) => Value::Enum(*id, v),
                None => {
                    c.error(
                        Diagnostic::error(
                            Code::UnknownName,
                            CheckMsg::NotAValueOf.with([&name, &c.enums[id.0 as usize].name]),
                        )
                        .at(e.span, CheckMsg::UnknownValue),
                    );
                    return None;
                }
            }
        }
        _ => {
            let expected = super::type_name(ty, &c.enums);
            c.error(
                Diagnostic::error(Code::TypeMismatch, CheckMsg::DefaultMustBe.with([expected]))
                    .at(e.span, CheckMsg::WrongDefault),
            );
            return None;
        }
    };
    Some(value)
}

fn resolve_derive(c: &mut Checker, p: PendingDerive) {
    let d = p.derive;
    let fail = |c: &mut Checker, message: crate::lang::Text| {
        c.error(
            Diagnostic::error(Code::InvalidConstruct, message)
                .at(d.span, CheckMsg::CannotDerive)
                .with_help(CheckMsg::DeriveHelp),
        );
    };
    let Some((accessor, source_path)) = d.path.split_last() else {
        return;
    };
    let mut record = Program::ROOT;
    let mut indices = Vec::new();
    let mut ty = Type::Record(record);
    for step in source_path {
        let Type::Record(r) = ty else { break };
        record = r;
        let Some(i) = c.records[record.0 as usize].field(&step.node) else {
            if c.unparsed.may_have_field(&step.node) {
                return;
            }
            return fail(c, CheckMsg::NoFieldHere.with([&step.node]));
        };
        indices.push(i as u16);
        ty = c.records[record.0 as usize].fields()[i].ty.clone();
    }
    if ty != Type::ResidentId {
        return fail(c, CheckMsg::OnlyFromResidentId.into());
    }
    let target_ty = c.records[p.record.0 as usize].fields()[p.field].ty.clone();
    let accessor = match (accessor.node.as_str(), &d.variants, &target_ty) {
        ("birth_date", None, Type::Date) => IdAccessor::BirthDate,
        ("sex", Some((odd, even)), Type::Enum(e)) => {
            let enum_type = &c.enums[e.0 as usize];
            match (enum_type.variant(&odd.node), enum_type.variant(&even.node)) {
                (Some(a), Some(b)) => IdAccessor::Sex(Value::Enum(*e, a), Value::Enum(*e, b)),
                _ => {
                    let message = CheckMsg::MustBeValuesOf.with([&odd.node, &even.node, &enum_type.name]);
                    return fail(c, message);
                }
            }
        }
        _ => {
            return fail(c, CheckMsg::CannotGiveType.with([&accessor.node]));
        }
    };
    let source_name = source_path
        .iter()
        .map(|s| s.node.as_str())
        .collect::<Vec<_>>()
        .join(".");
    if let Some(Some(schema)) = c.schemas.get_mut(p.record.0 as usize) {
        schema[p.field].derive = Some(DeriveFrom {
            source: indices,
            source_name,
            accessor,
        });
    }
}
