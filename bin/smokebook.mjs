#!/usr/bin/env node
// The `smokebook` command: the compiled dist/bin/smokebook.js in the installed package (Node does not strip types
// under node_modules), bin/smokebook.ts itself in a checkout (Node 24 runs .ts directly).
import { existsSync } from "node:fs";

const built = new URL("../dist/bin/smokebook.js", import.meta.url);
await import(existsSync(built) ? built.href : new URL("./smokebook.ts", import.meta.url).href);
