//! The JavaScript glue Trunk writes, minified with terser (Trunk's own minifier fails on current
//! wasm-bindgen output and leaves it as it is: 44 KB of JSDoc and whitespace on every first load),
//! and the subresource-integrity hashes of the pages that load it brought up to date.

use std::fs;
use std::path::{Path, PathBuf};

use base64::Engine;
use sha2::{Digest, Sha384};

use crate::run::{run, Workspace};

/// Minifies the hashed `{prefix}…js` module of `dir` (the bundle Trunk built from `html`) in place
/// and rewrites its `integrity` in `html`. Returns the sizes before and after.
pub fn bundle_glue(
    ws: &Workspace,
    dir: &Path,
    prefix: &str,
    html: &str,
) -> Result<(usize, usize), String> {
    let module = glue_module(dir, prefix)?;
    let before = fs::read(&module).map_err(|e| format!("read {}: {e}", module.display()))?;
    let old_integrity = integrity(&before);
    run(
        &format!("minify {}", module.display()),
        ws.command(ws.root.join(crate::tools::TERSER_BIN))
            .arg(&module)
            .args(["--module", "--compress", "--mangle", "--output"])
            .arg(&module),
    )?;
    let after = fs::read(&module).map_err(|e| format!("read {}: {e}", module.display()))?;
    let page = dir.join(html);
    let text = fs::read_to_string(&page).map_err(|e| format!("read {}: {e}", page.display()))?;
    if !text.contains(&old_integrity) {
        return Err(format!(
            "{} does not carry the integrity of {}",
            page.display(),
            module.display()
        ));
    }
    fs::write(&page, text.replace(&old_integrity, &integrity(&after)))
        .map_err(|e| format!("write {}: {e}", page.display()))?;
    Ok((before.len(), after.len()))
}

/// The one `{prefix}<hash>.js` in `dir`.
fn glue_module(dir: &Path, prefix: &str) -> Result<PathBuf, String> {
    let mut found = fs::read_dir(dir)
        .map_err(|e| format!("read {}: {e}", dir.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| {
            path.file_name()
                .and_then(|name| name.to_str())
                .is_some_and(|name| name.starts_with(prefix) && name.ends_with(".js"))
        });
    match (found.next(), found.next()) {
        (Some(module), None) => Ok(module),
        _ => Err(format!(
            "expected exactly one {prefix}….js in {}",
            dir.display()
        )),
    }
}

/// The `integrity` attribute value Trunk writes: `sha384-` and the base64 digest.
pub fn integrity(content: &[u8]) -> String {
    let digest = Sha384::digest(content);
    format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

#[cfg(test)]
mod tests {
    use super::integrity;

    #[test]
    fn integrity_is_the_sri_form_of_sha384() {
        // `printf abc | openssl dgst -sha384 -binary | base64`
        assert_eq!(
            integrity(b"abc"),
            "sha384-ywB1P0WjXou1oD1pmsZQBycsMqsO3tFjGotgWkP/W+2AhgcroefMI1i67KE0yCWn"
        );
    }
}
