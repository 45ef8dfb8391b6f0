import { z } from 'zod';
import { Controller, Get, Inject, Query } from '@nestjs/common';
import { CLUSTER_LAYERS, clustersQuery } from '../engine/map/cluster-query.js';
import { MapClusterError, MapClusterService, type ClustersAnswer } from '../engine/map/map-clusters.service.js';
import { ApiDoc } from './openapi/api-doc.js';
import { invalidBody } from './problem.js';
import { parseInput } from './validation.js';
import { Access, SignedIn } from '../engine/auth/access.js';

export const MAP_CONFIG = Symbol('MAP_CONFIG');

export interface MapConfigAnswer {
  /** MAP_STYLE_URL; null = the offline basemap bundled with the web app. */
  styleUrl: string | null;
  /** MAP_SYNTHETIC_MAX; 0 = the synthetic layer is off. */
  syntheticMax: number;
}

const MapConfigSchema = z
  .object({
    styleUrl: z.string().nullable().describe('MapLibre style JSON of the tile server (MAP_STYLE_URL); null = offline basemap'),
    syntheticMax: z.number().int().describe('Largest n of the synthetic cluster layer (MAP_SYNTHETIC_MAX); 0 = off'),
    clusterLayers: z.array(z.string()).describe('Layers GET /api/v1/map/clusters serves'),
  })
  .meta({ id: 'MapConfig' });

const point = z.object({ type: z.literal('Point'), coordinates: z.tuple([z.number(), z.number()]).describe('[lon, lat]') });
const ClusterFeatureSchema = z
  .object({
    type: z.literal('Feature'),
    geometry: point,
    properties: z.union([
      z.object({ cluster: z.literal(true), clusterId: z.number().int(), count: z.number().int(), counts: z.record(z.string(), z.number().int()).describe('Points by category'), expansionZoom: z.number().int().describe('Zoom at which the cluster splits') }),
      z.object({ cluster: z.literal(false), id: z.string(), category: z.string().describe("Source state, incident severity, unit status or report state") }).loose(),
    ]),
  })
  .meta({ id: 'MapClusterFeature' });
const ClustersSchema = z
  .object({
    type: z.literal('FeatureCollection'),
    layer: z.enum(CLUSTER_LAYERS),
    zoom: z.number().int(),
    bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]),
    total: z.number().int().describe('Points on the whole layer'),
    builtAt: z.string().describe('When the layer index was built'),
    truncated: z.boolean().describe('More features than the answer carries (20,000); zoom in'),
    features: z.array(ClusterFeatureSchema),
  })
  .meta({ id: 'MapClusters' });

@Controller('api/v1/map')
export class MapController {
  constructor(
    @Inject(MapClusterService) private readonly clustersService: MapClusterService,
    @Inject(MAP_CONFIG) private readonly config: MapConfigAnswer,
  ) {}

  @ApiDoc({ summary: 'Map configuration for the web app', description: 'Basemap style (MAP_STYLE_URL, none = the offline basemap bundled with the web app) and the cluster layers.', responses: { 200: { description: 'Map configuration', schema: MapConfigSchema } } })
  @SignedIn()
  @Get('config')
  mapConfig(): MapConfigAnswer & { clusterLayers: readonly string[] } {
    return { ...this.config, clusterLayers: CLUSTER_LAYERS.filter((l) => l !== 'synthetic' || this.config.syntheticMax > 0) };
  }

  @ApiDoc({
    summary: 'Clusters and points of a map layer in a viewport',
    description:
      'Server-side clustering (supercluster, radius 60 px of a 512 px tile, single points above zoom 16) of the layers with many entities: sources (by state), cameras (by state), incidents (open, by severity), units (by status), feedback (open field reports, by state), and synthetic (n deterministic points in the province, for load tests, when MAP_SYNTHETIC_MAX > 0). Clusters carry their point count and the count per category. Indexes are rebuilt at the first query after a change event on the bus (at most once a second per layer) and at least every 15 s. Bad layer, bbox or zoom → 422 naming the field.',
    query: clustersQuery,
    responses: { 200: { description: 'Clusters and points', schema: ClustersSchema }, 422: { description: 'layer, bbox, zoom or n is invalid' } },
  })
  @Access('telemetry:read')
  @Get('clusters')
  async clusters(@Query() query: unknown): Promise<ClustersAnswer> {
    const q = parseInput(clustersQuery, query, 'query');
    try {
      return await this.clustersService.clusters(q);
    } catch (err) {
      if (err instanceof MapClusterError) throw invalidBody([{ field: err.field, problem: err.message }]);
      throw err;
    }
  }
}
