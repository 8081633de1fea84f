#!/usr/bin/env node
// `npx paperbot …`: the CLI from source, with nothing but its answer on stdout (npm run adds its banner).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
