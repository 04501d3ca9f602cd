// The official MCP TypeScript SDK client against an EksOps MCP endpoint: connect (initialize) over Streamable HTTP,
// list the tools, call one, and print what happened as one JSON line for the C# test to check.
// Usage: node client.mjs <endpoint-url> <tool> '<arguments as JSON>'
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

const [endpoint, tool, argumentsJson] = process.argv.slice(2);
if (!endpoint || !tool) {
  console.error("usage: node client.mjs <endpoint-url> <tool> '<arguments as JSON>'");
  process.exit(2);
}

const client = new Client({ name: "eksops-ts-client", version: "1.0.0" });
const transport = new StreamableHTTPClientTransport(new URL(endpoint));
await client.connect(transport);
const { tools } = await client.listTools();
// callTool checks structuredContent against the tool's outputSchema from listTools.
const result = await client.callTool({ name: tool, arguments: JSON.parse(argumentsJson ?? "{}") });
console.log(JSON.stringify({
  protocolVersion: transport.protocolVersion,
  sessionId: transport.sessionId ?? null,
  server: client.getServerVersion(),
  tools: tools.map((t) => t.name),
  result,
}));
await client.close();
