//! The published JSON Schemas compile in ajv's strict mode — what many editors and CI validators
//! run — and the sample validates against them. ajv once refused ours (`unknown format "uint32"`).

use std::process::Command;

use hub_e2e::workspace_root;

#[test]
fn the_schemas_compile_in_strict_ajv_and_the_sample_passes() {
    let root = workspace_root();
    let modules = root.join(".tools/npm/node_modules");
    assert!(
        modules.join("ajv").is_dir(),
        "{} has no ajv; `cargo xtask tools` installs it",
        modules.display()
    );
    let output = Command::new("node")
        .arg(root.join("tests/schema/strict.mjs"))
        .arg(&modules)
        .arg(root.join("public/schema/event.schema.json"))
        .arg(root.join("public/schema/index.schema.json"))
        .arg("--")
        .arg(root.join("public/events/scs-hackathon-3.json"))
        .output()
        .expect("run node");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stdout}{stderr}");
    assert_eq!(stdout.matches("compiled ").count(), 2, "{stdout}");
    assert!(stdout.contains("valid "), "{stdout}");
    // ajv logs what strict mode only warns about; nothing may be left to warn about either.
    assert!(stderr.trim().is_empty(), "{stderr}");
}
