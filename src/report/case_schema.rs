//! The case format of a policy as a JSON Schema (2020-12), for editors that check and
//! complete case files as they are typed (yaml-language-server, VS Code). Made from the
//! policy's `case {}` blocks: each field's Chinese label is its title and its English
//! label its description; an enum takes its values and their Chinese labels, as the
//! case loader does; yes and no may be `是` and `否`.

use crate::case::ENVELOPE_KEYS;
use crate::program::{Program, RecordId, SchemaField, SchemaShape, Type};
use serde_json::{Map, Value as Json, json};

/// The JSON Schema of the case files `program` reads.
pub fn case_schema(program: &Program) -> Json {
    let mut root = record(program, Program::ROOT);
    let (properties, title) = (
        envelope(),
        program.info.title.clone().unwrap_or_else(|| program.info.id.clone()),
    );
    if let Some(Json::Object(fields)) = root.get_mut("properties") {
        for (key, schema) in properties {
            fields.insert(key, schema);
        }
    }
    let mut schema = Map::new();
    schema.insert("$schema".into(), json!("https://json-schema.org/draft/2020-12/schema"));
    schema.insert("title".into(), json!(title));
    schema.insert(
        "description".into(),
        json!(format!("zhengce case file: {}", program.info.id)),
    );
    if let Json::Object(body) = root {
        schema.extend(body);
    }
    Json::Object(schema)
}

/// The keys every case file may have besides the policy's fields (contract §2).
fn envelope() -> Map<String, Json> {
    let mut keys = Map::new();
    for key in ENVELOPE_KEYS {
        let schema = match key {
            "id" => json!({"title": "案件编号", "description": "case id", "type": ["string", "integer"]}),
            "as_of" => with_title(date(), "评估日", "evaluation date"),
            _ => {
                json!({"title": "预期结果（测试用）", "description": "expected decision, for `zhengce test`", "type": "object"})
            }
        };
        keys.insert(key.to_string(), schema);
    }
    keys
}

/// A record of the case: its fields, those that must be given, and no other key.
fn record(program: &Program, id: RecordId) -> Json {
    let fields: &[SchemaField] = program
        .schemas
        .get(id.0 as usize)
        .and_then(Option::as_deref)
        .unwrap_or_default();
    let mut properties = Map::new();
    let mut required = Vec::new();
    for f in fields {
        let mut schema = shape(program, &f.shape);
        // As the case loader reads them: a list left out is empty, a record left out
        // is given when it has a field that must be.
        let must = match &f.shape {
            SchemaShape::Scalar(_) => !f.optional && f.default.is_none() && f.derive.is_none(),
            SchemaShape::Record(_) => schema.get("required").is_some(),
            SchemaShape::ListOf(_) | SchemaShape::ListOfRecords(_) => false,
        };
        if must {
            required.push(json!(f.name));
        } else if f.optional || f.default.is_some() {
            schema = json!({"anyOf": [schema, {"type": "null"}]});
        }
        let en = f.label.en.clone().unwrap_or_else(|| f.name.clone());
        properties.insert(f.name.clone(), with_title(schema, &f.label.zh, &en));
    }
    let mut out = json!({"type": "object", "properties": properties, "additionalProperties": false});
    if !required.is_empty() {
        out["required"] = Json::Array(required);
    }
    out
}

fn shape(program: &Program, shape: &SchemaShape) -> Json {
    match shape {
        SchemaShape::Scalar(t) => scalar(program, t),
        SchemaShape::Record(r) => record(program, *r),
        SchemaShape::ListOf(t) => json!({"type": "array", "items": scalar(program, t)}),
        SchemaShape::ListOfRecords(r) => json!({"type": "array", "items": record(program, *r)}),
    }
}

fn scalar(program: &Program, t: &Type) -> Json {
    match t {
        Type::Bool => json!({"anyOf": [{"type": "boolean"}, {"enum": ["是", "否"]}]}),
        Type::Int | Type::Quantity(_) => json!({"type": "integer"}),
        Type::Date => date(),
        Type::Month => json!({"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}$"}),
        Type::ResidentId => json!({"type": "string", "pattern": "^[0-9]{17}[0-9Xx]$"}),
        Type::Enum(e) => {
            let Some(e) = program.enums.get(e.0 as usize) else {
                return json!({"type": "string"});
            };
            // A value may be written as its name or its Chinese label.
            // A value named by a number (`50`, `55`) may be written as that number.
            let numbers: Vec<Json> = e
                .variants()
                .iter()
                .filter_map(|(name, _)| name.parse::<i64>().ok())
                .map(|n| json!(n))
                .collect();
            let values = e.variants().iter().map(|(name, _)| json!(name));
            let labels = e.variants().iter().map(|(_, label)| json!(label.zh));
            // What an editor shows beside each (`enumDescriptions`, VS Code's keyword).
            let of_values = e.variants().iter().map(|(_, label)| json!(label.zh));
            let of_labels = e.variants().iter().map(|(name, _)| json!(name));
            let of_numbers = e
                .variants()
                .iter()
                .filter(|(name, _)| name.parse::<i64>().is_ok())
                .map(|(_, label)| json!(label.zh));
            // Each way of writing a value once (a value may be named by its label: `男
            // "男"`), in order, with what an editor shows beside it.
            let mut written: Vec<Json> = Vec::new();
            let mut described: Vec<Json> = Vec::new();
            for (value, description) in values
                .chain(labels)
                .chain(numbers)
                .zip(of_values.chain(of_labels).chain(of_numbers))
            {
                if !written.contains(&value) {
                    written.push(value);
                    described.push(description);
                }
            }
            json!({ "enum": written, "enumDescriptions": described })
        }
        _ => json!({"type": "string"}),
    }
}

fn date() -> Json {
    json!({"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"})
}

/// `schema` with a title and a description in front.
fn with_title(schema: Json, title: &str, description: &str) -> Json {
    let mut out = Map::new();
    out.insert("title".into(), json!(title));
    out.insert("description".into(), json!(description));
    if let Json::Object(body) = schema {
        out.extend(body);
    }
    Json::Object(out)
}
