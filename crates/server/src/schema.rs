//! `hub schema`: prints the JSON Schema generated from the model types. The copies under
//! `public/schema/` are this output, and a test fails when they drift apart.

use std::io::Write;
use std::process::ExitCode;

use event_model::schema::{event_schema, index_schema};

/// Which file format's schema to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    /// An event file (`events/{id}.json`).
    Event,
    /// The events index (`events/index.json`).
    Index,
}

/// The schema as committed: pretty JSON with a trailing newline, so the file diffs cleanly.
pub fn render(which: Which) -> String {
    let value = match which {
        Which::Event => event_schema(),
        Which::Index => index_schema(),
    };
    // Serializing a `Value` cannot fail; the fallback keeps this free of `unwrap`.
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}

/// The `hub schema` command.
pub fn run(which: Which) -> ExitCode {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(render(which).as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("cannot write the schema: {error}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_schema_is_pretty_json_ending_in_a_newline() {
        let text = render(Which::Event);
        assert!(text.starts_with("{\n  \""), "{}", &text[..40]);
        assert!(text.ends_with("}\n"));
        assert!(serde_json::from_str::<serde_json::Value>(&text).is_ok());
    }
}
