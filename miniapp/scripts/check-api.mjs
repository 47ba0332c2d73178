// The app's API calls (src/operations.js) against the server's OpenAPI schema (manage.py spectacular): every path
// and method exists, every field the app sends is one the API takes, every query parameter is declared. Run by
// `make test`; a renamed field or route on either side fails the build.

import { readFileSync } from "node:fs";
import { OPERATIONS } from "../src/operations.js";

function resolve(schema, node) {
  let current = node;
  while (current && current.$ref) current = current.$ref.split("/").slice(1).reduce((n, key) => n[key], schema);
  return current || {};
}

export function checkOperations(schema, operations = OPERATIONS) {
  const problems = [];
  for (const [name, op] of Object.entries(operations)) {
    const path = schema.paths[op.path];
    const method = path && path[op.method.toLowerCase()];
    if (!method) {
      problems.push(`${name}: ${op.method} ${op.path} is not in the API`);
      continue;
    }
    const sent = [...(op.body || []), ...(op.form || [])];
    if (sent.length) {
      const content = (method.requestBody || {}).content || {};
      const type = op.form ? "multipart/form-data" : "application/json";
      if (!content[type]) {
        problems.push(`${name}: ${op.path} does not take ${type}`);
      } else {
        const properties = resolve(schema, content[type].schema).properties || {};
        for (const field of sent) if (!(field in properties)) problems.push(`${name}: the API takes no field "${field}"`);
      }
    }
    const declared = new Set((method.parameters || []).map((p) => resolve(schema, p)).filter((p) => p.in === "query").map((p) => p.name));
    for (const param of op.query || []) if (!declared.has(param)) problems.push(`${name}: the API declares no query parameter "${param}"`);
    for (const param of op.path.match(/\{(\w+)\}/g) || []) {
      const inPath = (method.parameters || []).map((p) => resolve(schema, p)).some((p) => p.in === "path" && `{${p.name}}` === param);
      if (!inPath) problems.push(`${name}: the API declares no path parameter ${param}`);
    }
  }
  return problems;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const schema = JSON.parse(readFileSync(process.argv[2] || ".openapi.json", "utf8"));
  const problems = checkOperations(schema);
  console.log(`${Object.keys(OPERATIONS).length} operations of the mini app checked against the OpenAPI schema`);
  for (const problem of problems) console.log(`  DRIFT: ${problem}`);
  process.exit(problems.length ? 1 : 0);
}
