//! `build-core/` is the core built for the core's own build script (see its
//! `Cargo.toml`): the same sources, so it needs the same dependencies, written twice.
//! A dependency missing from it fails the build; this holds the two lists to each
//! other in versions and features too (a feature can change what the core does, and
//! so the source the build script writes).

/// The dependency sections of a manifest (`[dependencies]` and the target-specific
/// ones), each as its lines without comments and blank lines.
fn dependency_sections(manifest: &str) -> Vec<(String, Vec<String>)> {
    let mut sections = Vec::new();
    let mut current: Option<(String, Vec<String>)> = None;
    for line in manifest.lines().map(str::trim) {
        if line.starts_with('[') {
            sections.extend(current.take());
            let dependencies =
                line == "[dependencies]" || (line.starts_with("[target.") && line.ends_with(".dependencies]"));
            if dependencies {
                current = Some((line.to_string(), Vec::new()));
            }
        } else if let Some((_, lines)) = &mut current
            && !line.is_empty()
            && !line.starts_with('#')
        {
            lines.push(line.to_string());
        }
    }
    sections.extend(current);
    sections
}

#[test]
fn the_core_built_for_the_build_script_has_the_core_s_dependencies() {
    let read = |path: &str| std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let root = dependency_sections(&read("Cargo.toml"));
    let build_core = dependency_sections(&read("build-core/Cargo.toml"));
    assert!(
        root.iter()
            .any(|(name, lines)| name == "[dependencies]" && lines.len() > 10),
        "{root:?}"
    );
    assert_eq!(
        build_core, root,
        "build-core/Cargo.toml's dependencies against Cargo.toml's"
    );
}
