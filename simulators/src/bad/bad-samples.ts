import type { SourceDefinition } from '@ioc/sdk';
import type { ProvinceModel } from '../model/province-model.js';
import type { BadSamples } from './bad-kinds.js';

/** The first registered source of each kind the bad messages need. */
export function badSamples(model: ProvinceModel): BadSamples {
  const first = (sector: string, kind: string): SourceDefinition => {
    const source = model.sources.find((s) => s.sector === sector && s.kind === kind);
    if (!source) throw new Error(`the model has no ${sector}/${kind} source`);
    return source;
  };
  return {
    airStation: first('environment', 'air-station'),
    trafficCounter: first('traffic', 'counter'),
    trafficCamera: first('traffic', 'camera'),
    securityCamera: first('security', 'camera'),
  };
}
