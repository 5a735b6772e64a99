//! The cases the tests send, written as the §2 schema in JSON (and one in YAML), on the
//! built-in Hunan policy.
#![allow(dead_code)]

/// A man of 50, registered unemployed for 7 months on 2025-09-01: 一（一） holds.
pub const MAN_50: &str = r#"{"id":"EX-1","as_of":"2025-09-01","person":{"gender":"male","birth_date":"1975-03-10"},"registration":{"unemployed_since":"2025-01-10"},"employment":{"status":"unemployed"},"household":{"urban":true,"members":[]}}"#;

/// [`MAN_50`] as YAML.
pub const MAN_50_YAML: &str = "id: EX-1\nas_of: 2025-09-01\nperson:\n  gender: male\n  birth_date: 1975-03-10\nregistration:\n  unemployed_since: 2025-01-10\nemployment:\n  status: unemployed\nhousehold:\n  urban: true\n  members: []\n";

/// [`MAN_50`] without its date.
pub const MAN_50_UNDATED: &str = r#"{"id":"EX-2","person":{"gender":"male","birth_date":"1975-03-10"},"registration":{"unemployed_since":"2025-01-10"},"employment":{"status":"unemployed"}}"#;

/// A valid resident ID number: a man born 1975-03-10.
pub const ID_NUMBER: &str = "430102197503101234";

/// A case whose id is its person's ID number, given with it.
pub fn with_id_number() -> String {
    format!(
        r#"{{"id":"{ID_NUMBER}","as_of":"2025-09-01","person":{{"id_number":"{ID_NUMBER}"}},"registration":{{"unemployed_since":"2025-01-10"}},"employment":{{"status":"unemployed"}}}}"#
    )
}

/// A case whose ID number has a wrong check character (the error quotes it).
pub const BAD_ID_NUMBER: &str = r#"{"id":"EX-3","as_of":"2025-09-01","person":{"id_number":"430102197503101235"},"employment":{"status":"unemployed"}}"#;

/// A pretty-printed case with an impossible birth date on its fourth line, column 46.
pub const BAD_DATE_PRETTY: &str = "{\n  \"id\": \"A1\",\n  \"as_of\": \"2025-09-01\",\n  \"person\": {\"gender\": \"male\", \"birth_date\": \"1975-02-30\"},\n  \"employment\": {\"status\": \"unemployed\"}\n}\n";

/// A YAML case with an unknown key on its third line.
pub const UNKNOWN_KEY_YAML: &str =
    "id: Y1\nas_of: 2025-09-01\npersno:\n  gender: male\nemployment:\n  status: unemployed\n";

/// The `n`th generated case: [`MAN_50`] with its own id.
pub fn numbered(n: usize) -> String {
    MAN_50.replace("\"EX-1\"", &format!("\"EX-{n:05}\""))
}
