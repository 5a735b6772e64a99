//! Case inputs: files, directories (every `.yaml`/`.yml` below, in sorted order) and
//! `-` for standard input, read as bytes (a case that is not UTF-8 is reported by
//! itself). Only regular files are read: a device or a pipe named as a file is refused.

use crate::input::read_regular_file;
use crate::lang::Text;
use std::io::Read;
use std::path::Path;

/// One input file: its name and its bytes (or why it could not be read).
pub struct Input {
    /// The name shown in messages.
    pub name: String,
    /// The bytes, or why they could not be read.
    pub bytes: Result<Vec<u8>, Text>,
}

/// Expands paths into input files, in a deterministic order. Each file is read when
/// its turn comes, so only one is held at a time.
pub fn collect(paths: &[String]) -> impl Iterator<Item = Input> + use<> {
    let mut names = Vec::new();
    for path in paths {
        if path != "-" && Path::new(path).is_dir() {
            let mut files = Vec::new();
            walk(Path::new(path), &mut files, &|p| {
                p.ends_with(".yaml") || p.ends_with(".yml")
            });
            files.sort();
            names.extend(files);
        } else {
            names.push(path.clone());
        }
    }
    names.into_iter().map(|name| {
        if name == "-" {
            let mut bytes = Vec::new();
            let bytes = std::io::stdin()
                .read_to_end(&mut bytes)
                .map(|_| bytes)
                .map_err(|e| crate::input::system_error(&e));
            Input {
                name: "<stdin>".into(),
                bytes,
            }
        } else {
            let bytes = read(&name);
            Input { name, bytes }
        }
    })
}

/// A case file's bytes. Its size is not limited here: each case in it is (one
/// document at a time, `--max-case-bytes`).
fn read(path: &str) -> Result<Vec<u8>, Text> {
    read_regular_file(Path::new(path), None).map_err(|e| e.text())
}

/// Every file below `dir` whose path `wanted` accepts, in the order found.
pub(super) fn walk(dir: &Path, out: &mut Vec<String>, wanted: &dyn Fn(&str) -> bool) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        // Not following links to folders: a link to a parent would never end.
        let Ok(kind) = entry.file_type() else { continue };
        let name = path.to_string_lossy();
        if kind.is_dir() {
            walk(&path, out, wanted);
        } else if wanted(&name) {
            out.push(name.into_owned());
        }
    }
}
