#!/usr/bin/env node
// The `debat` command: TypeScript sources run through tsx's loader, no build step. The usage, the
// version and a mistyped command line are answered before the bot's modules are loaded.
import { register } from 'tsx/esm/api';

register();
const { answerWithoutRunning } = await import('../adapters/cli-options.ts');
if (!answerWithoutRunning(process.argv.slice(2))) await import('../adapters/cli.ts');
