#!/usr/bin/env node
// Thin launcher: the compiled CLI lives in dist/ (built by `npm run build`, run by `prepare` on install).
import { main } from "../dist/cli/main.js";

await main(process.argv);
