//! Case inputs: files, directories (every `.yaml`/`.yml` below, in sorted order) and
//! `-` for standard input.

use std::io::Read;
use std::path::Path;

/// One input file: its name and its text (or why it could not be read).
pub struct Input {
    /// The name shown in messages.
    pub name: String,
    /// The text, or the read error.
    pub text: Result<String, String>,
}

/// Expands paths into input files, in a deterministic order.
pub fn collect(paths: &[String]) -> Vec<Input> {
    let mut inputs = Vec::new();
    for path in paths {
        if path == "-" {
            let mut text = String::new();
            let text = std::io::stdin()
                .read_to_string(&mut text)
                .map(|_| text)
                .map_err(|e| e.to_string());
            inputs.push(Input {
                name: "<stdin>".into(),
                text,
            });
        } else if Path::new(path).is_dir() {
            let mut files = Vec::new();
            walk(Path::new(path), &mut files);
            files.sort();
            for f in files {
                let text = std::fs::read_to_string(&f).map_err(|e| e.to_string());
                inputs.push(Input { name: f, text });
            }
        } else {
            let text = std::fs::read_to_string(path).map_err(|e| e.to_string());
            inputs.push(Input {
                name: path.clone(),
                text,
            });
        }
    }
    inputs
}

fn walk(dir: &Path, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk(&path, out);
        } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            out.push(path.to_string_lossy().into_owned());
        }
    }
}
