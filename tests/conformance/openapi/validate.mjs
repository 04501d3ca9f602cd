// Validates every generated OpenAPI document (schemas/bedrock/*.openapi.json) against the OpenAPI 3.0 specification
// with @apidevtools/swagger-parser, which shares no code with the generator (it checks the document against the
// official OpenAPI 3.0 JSON Schema and resolves every $ref). Prints one line per document and, last,
// `openapi-conformance: N passed, N failed`; exits 1 if any document is invalid.
import { readdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import SwaggerParser from "@apidevtools/swagger-parser";

const folder = resolve(process.argv[2] ?? "../../../schemas/bedrock");
const documents = (await readdir(folder)).filter((name) => name.endsWith(".openapi.json")).sort();
let passed = 0;
let failed = 0;
for (const name of documents) {
  try {
    const api = await SwaggerParser.validate(join(folder, name));
    if (!api.openapi?.startsWith("3.0.")) {
      throw new Error(`openapi is ${api.openapi}, not 3.0.x`);
    }
    console.log(`PASS ${name}: OpenAPI ${api.openapi}, ${Object.keys(api.paths).length} paths`);
    passed++;
  } catch (error) {
    console.log(`FAIL ${name}: ${error.message}`);
    failed++;
  }
}
if (documents.length === 0) {
  console.log(`FAIL no *.openapi.json in ${folder}`);
  failed++;
}
console.log(`openapi-conformance: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
