#!/usr/bin/env node
/** `handout`, as built: see launch.ts. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from './launch.js';

launch(path.dirname(fileURLToPath(import.meta.url)));
