#!/usr/bin/env node
// The CLI runs the TypeScript sources directly through tsx (no separate server build step).
import { register } from 'tsx/esm/api';

register();
await import('../cli/main.ts');
