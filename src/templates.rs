//! Every template, built in or the person's own: the entry, log and config templates
//! that `add`, `init` and `import` start from, and the packet templates of `export`.
//! Built-in ones are embedded from the repository's `templates/`; a file of the same
//! name in `<config dir>/brag/templates/` overrides one.

use std::path::{Path, PathBuf};

use anyhow::{Result, anyhow, bail};

use crate::render::packet::ExportFormat;
use crate::store;

/// The built-in templates, embedded in the binary: `(file name, text)`.
const BUILT_IN: [(&str, &str); 6] = [
    ("entry.md", include_str!("../templates/entry.md")),
    ("log.md", include_str!("../templates/log.md")),
    ("config.yaml", include_str!("../templates/config.yaml")),
    ("export.md.j2", include_str!("../templates/export.md.j2")),
    (
        "export.html.j2",
        include_str!("../templates/export.html.j2"),
    ),
    ("export.txt.j2", include_str!("../templates/export.txt.j2")),
];

/// The built-in template `name`.
pub fn built_in(name: &str) -> Result<&'static str> {
    BUILT_IN
        .iter()
        .find(|(known, _)| *known == name)
        .map(|(_, source)| *source)
        .ok_or_else(|| anyhow!("no template named {name}"))
}

/// The built-in packet templates, `export.FORMAT.j2`.
fn packet_templates() -> impl Iterator<Item = &'static (&'static str, &'static str)> {
    BUILT_IN
        .iter()
        .filter(|(name, _)| name.starts_with("export."))
}

/// A template: `name` in `user_dir` (the person's templates folder) if it is there,
/// else the built-in one.
pub fn named(user_dir: Option<&Path>, name: &str) -> Result<String> {
    let built_in = built_in(name)?;
    match user_dir {
        Some(folder) => {
            let custom =
                store::read_small(&folder.join(name), store::SMALL_FILE_LIMIT, "template")?;
            Ok(custom.unwrap_or_else(|| built_in.to_string()))
        }
        None => Ok(built_in.to_string()),
    }
}

/// A template chosen for a run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    /// How messages name it: the file's path, or the built-in name.
    pub name: String,
    pub source: String,
}

/// The built-in template name for a format.
pub fn default_name(format: ExportFormat) -> &'static str {
    match format {
        ExportFormat::Html => "export.html.j2",
        ExportFormat::Txt => "export.txt.j2",
        _ => "export.md.j2",
    }
}

/// The format a template's name implies (`packet.html.j2`, `mine.txt`), if any.
pub fn format_of_name(name: &str) -> Option<ExportFormat> {
    let name = name
        .strip_suffix(".j2")
        .or_else(|| name.strip_suffix(".jinja"))
        .unwrap_or(name);
    let extension = Path::new(name).extension()?.to_str()?.to_ascii_lowercase();
    match extension.as_str() {
        "html" | "htm" => Some(ExportFormat::Html),
        "txt" | "text" => Some(ExportFormat::Txt),
        "md" | "markdown" => Some(ExportFormat::Md),
        _ => None,
    }
}

/// Finds the template to use.
///
/// Without `requested`, the format's built-in name, from `user_dir` if a file of that
/// name is there, else built in. A `requested` value with a path separator is a path;
/// otherwise it is a name looked up in `user_dir`, then among the built-ins, and only
/// then taken as a file in the working folder.
pub fn choose(format: ExportFormat, requested: Option<&str>, user_dir: &Path) -> Result<Template> {
    let name = requested.unwrap_or(default_name(format));
    let is_path = name.contains('/') || name.contains(std::path::MAIN_SEPARATOR);
    if !is_path {
        let user = user_dir.join(name);
        if user.is_file() {
            return read_file(&user);
        }
        if let Some((known, source)) = packet_templates().find(|(known, _)| *known == name) {
            return Ok(Template {
                name: (*known).to_string(),
                source: (*source).to_string(),
            });
        }
    }
    let path = PathBuf::from(name);
    if path.is_file() {
        return read_file(&path);
    }
    let built_in: Vec<&str> = packet_templates().map(|(known, _)| *known).collect();
    if is_path {
        bail!("no template file at {name}");
    }
    bail!(
        "no template named {name:?}: not in {}, not built in ({}), and not a file here",
        user_dir.display(),
        built_in.join(", ")
    )
}

fn read_file(path: &Path) -> Result<Template> {
    let source = store::read_small(path, store::SMALL_FILE_LIMIT, "template")?
        .ok_or_else(|| anyhow!("no template file at {}", path.display()))?;
    Ok(Template {
        name: path.display().to_string(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_names_imply_formats() {
        let cases = [
            ("export.html.j2", Some(ExportFormat::Html)),
            ("mine.txt", Some(ExportFormat::Txt)),
            ("dir/packet.md.jinja", Some(ExportFormat::Md)),
            ("packet.j2", None),
            ("packet", None),
        ];
        for (name, expected) in cases {
            assert_eq!(format_of_name(name), expected, "{name}");
        }
    }

    #[test]
    fn every_built_in_template_is_found_by_name() {
        for (name, source) in BUILT_IN {
            assert_eq!(built_in(name).ok(), Some(source));
        }
        assert!(built_in("nope.md").is_err());
    }
}
