// The REST shapes live in @ioc/sdk, shared with the server.
export type {
  Position,
  RegionCollection,
  RegionFeature,
  RegionGeometry,
  RegionProperties,
  SectorList,
  SeriesPoint,
  SeriesResponse,
  SourceList,
  SourceWithState,
} from '@ioc/sdk';
