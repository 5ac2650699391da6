// ajv_verdicts.js SCHEMA JSONL - one line per input line: "1" valid, "0"
// invalid, "E" not JSON.  The reference for tests/scripts/test_validate_differential.sh:
// ajv 8 (draft 2020-12) with ajv-formats (full mode), unicode regexps.
"use strict";
const fs = require("fs");
const Ajv2020 = require("ajv/dist/2020").default;
const addFormats = require("ajv-formats").default;
const ajv = new Ajv2020({ allErrors: false, strict: false });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(fs.readFileSync(process.argv[2], "utf8")));
const lines = fs.readFileSync(process.argv[3], "utf8").split("\n");
if (lines.length && lines[lines.length - 1] === "") lines.pop();
const out = [];
for (const line of lines) {
  let v;
  try { v = JSON.parse(line); } catch (e) { out.push("E"); continue; }
  out.push(validate(v) ? "1" : "0");
}
process.stdout.write(out.join("\n") + (out.length ? "\n" : ""));
