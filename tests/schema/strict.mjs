// Compiles each JSON Schema given on the command line with ajv in strict mode, the way strict
// validators in editors and CI pipelines do, and validates the files given after `--` against the
// first schema. Exits 1 with ajv's own words on the first failure.
//
// node strict.mjs NODE_MODULES SCHEMA... [-- FILE...]
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";

const [modules, ...rest] = process.argv.slice(2);
const split = rest.indexOf("--");
const schemas = split < 0 ? rest : rest.slice(0, split);
const files = split < 0 ? [] : rest.slice(split + 1);
const require = createRequire(join(resolve(modules), "noop.js"));
const Ajv = require("ajv");
const read = (path) => JSON.parse(readFileSync(path, "utf8"));

let first = null;
for (const path of schemas) {
  // Strict in every respect; union types ("integer or null") are how optional numbers are written.
  const ajv = new Ajv({ strict: true, allowUnionTypes: true, allErrors: true });
  try {
    const validate = ajv.compile(read(path));
    first ??= validate;
    console.log(`compiled ${path}`);
  } catch (error) {
    console.error(`${path}: ${error.message}`);
    process.exit(1);
  }
}
for (const path of files) {
  if (!first(read(path))) {
    console.error(`${path}: ${JSON.stringify(first.errors, null, 2)}`);
    process.exit(1);
  }
  console.log(`valid ${path}`);
}
