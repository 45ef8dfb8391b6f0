#!/usr/bin/env node
/**
 * Writes db/seed/binh-phuoc.regions.geojson. Run after a build:
 *   node simulators/dist/geo/generate-regions.js [--out path] [--seed n]
 * The output is deterministic for a seed, so re-running it only changes the file when the
 * generator or the unit list changes.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { regionsSeedFile } from '@ioc/db';
import { buildRegionCollection } from './build-regions.js';
import { serializeRegionCollection } from './serialize-regions.js';
import { isEntryPoint } from '../util/is-entry-point.js';

if (isEntryPoint(import.meta.url)) {
  const { values } = parseArgs({ options: { out: { type: 'string', default: regionsSeedFile }, seed: { type: 'string', default: '2024' } } });
  const collection = buildRegionCollection({ seed: Number(values.seed) });
  const text = serializeRegionCollection(collection);
  fs.writeFileSync(values.out, text);
  const count = (level: string) => collection.features.filter((f) => f.properties.level === level).length;
  console.log(`wrote ${values.out}: ${count('province')} province, ${count('district')} districts, ${count('commune')} communes, ${(text.length / 1024).toFixed(0)} KiB`);
}
