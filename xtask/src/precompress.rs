//! Precompressing the built site once, at the best levels (brotli quality 11, zopfli-grade gzip),
//! so every phone gets the smallest bytes without the server spending CPU per request. `hub serve`
//! sends `x.br` / `x.gz` for `x` when the browser accepts them.

use std::fs;
use std::io::Write as _;
use std::path::Path;

/// Extensions worth compressing: text and wasm. Images and fonts are compressed already.
const COMPRESSIBLE: [&str; 9] = [
    "wasm",
    "js",
    "mjs",
    "css",
    "html",
    "json",
    "svg",
    "ics",
    "webmanifest",
];

/// Writes `.br` and `.gz` beside every compressible file under `dir`; returns how many files.
pub fn directory(dir: &Path) -> Result<usize, String> {
    let mut count = 0;
    let entries = fs::read_dir(dir).map_err(|e| format!("read {}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry
            .map_err(|e| format!("read {}: {e}", dir.display()))?
            .path();
        if path.is_dir() {
            count += directory(&path)?;
            continue;
        }
        let compressible = path
            .extension()
            .and_then(|ext| ext.to_str())
            .is_some_and(|ext| COMPRESSIBLE.contains(&ext));
        if !compressible {
            continue;
        }
        let bytes = fs::read(&path).map_err(|e| format!("read {}: {e}", path.display()))?;
        let write = |suffix: &str, data: Vec<u8>| {
            let mut name = path.as_os_str().to_owned();
            name.push(suffix);
            fs::write(&name, data).map_err(|e| format!("write {}: {e}", Path::new(&name).display()))
        };
        write(".br", brotli(&bytes)?)?;
        write(".gz", gzip(&bytes)?)?;
        count += 1;
    }
    Ok(count)
}

/// Brotli at quality 11 with a 4 MiB window (lgwin 22), the usual precompression setting.
pub fn brotli(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        size_hint: bytes.len(),
        ..Default::default()
    };
    let mut compressed = Vec::new();
    brotli::BrotliCompress(&mut &bytes[..], &mut compressed, &params)
        .map_err(|e| format!("brotli: {e}"))?;
    Ok(compressed)
}

/// Gzip by zopfli: a few percent smaller than `gzip -9`, readable by every gzip decoder.
pub fn gzip(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let mut compressed = Vec::new();
    let mut encoder = zopfli::GzipEncoder::new_buffered(
        zopfli::Options::default(),
        zopfli::BlockType::Dynamic,
        &mut compressed,
    )
    .map_err(|e| format!("gzip: {e}"))?;
    encoder.write_all(bytes).map_err(|e| format!("gzip: {e}"))?;
    encoder
        .into_inner()
        .map_err(|e| format!("gzip: {e}"))?
        .finish()
        .map_err(|e| format!("gzip: {e}"))?;
    Ok(compressed)
}

#[cfg(test)]
mod tests {
    use std::io::Read as _;

    use super::*;

    #[test]
    fn both_encodings_decode_to_the_input_and_are_smaller() -> Result<(), String> {
        let input = b"<li class=\"eh-slot\">Welcome</li>\n".repeat(300);
        let gz = gzip(&input)?;
        let mut decoded = Vec::new();
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_end(&mut decoded)
            .map_err(|e| e.to_string())?;
        assert_eq!(decoded, input);
        let br = brotli(&input)?;
        let mut decoded = Vec::new();
        ::brotli::Decompressor::new(&br[..], 4096)
            .read_to_end(&mut decoded)
            .map_err(|e| e.to_string())?;
        assert_eq!(decoded, input);
        assert!(gz.len() < input.len() / 10 && br.len() < input.len() / 10);
        Ok(())
    }
}
