/**
 * @ioc/simulators — the simulated Bình Phước province: a deterministic model of its sources,
 * telemetry and camera-event generators, MQTT publishers, a load generator and a generator of
 * malformed input. The `ioc-sim` CLI (`@ioc/simulators/cli`) drives them.
 */
export { buildProvinceModel, type ProvinceModel, type ProvinceModelOptions } from './model/province-model.js';
export type * from './model/source-profile.js';
export type { ModelledSource } from './model/sources/modelled-source.js';
export { CAMERA_PLAN, PHASE_1_SITES, PHASE_2_SITES, PHASE_3_SITES, type CameraPurpose, type CameraSite } from './model/sources/camera-plan.js';
export { ROADS, pointAlong, type Road } from './model/roads.js';
export { loadRegionCollection, RegionIndex } from './model/region-index.js';
export { SECTOR_MANIFESTS, metricSchemas, sourceKindSchema, simulatedKind, simulatedTemplates, type SimulatedTemplate } from './model/sector-manifests.js';
export { populationOf, populations } from './model/population.js';

export type { RegionCollection, RegionFeature, RegionProperties } from './geo/region-feature.js';
export { buildRegionCollection, REGIONS_NOTE, type BuildRegionsOptions } from './geo/build-regions.js';
export { pointInPolygon, pointInRing, ringSignedArea, type PolygonCoordinates, type Position } from './geo/polygon.js';
export { DISTRICTS, type DistrictUnit } from './geo/binh-phuoc-units.js';

export { telemetryMetrics, rawMetrics, fitToSchema } from './telemetry/telemetry-generator.js';
export { cameraEvents, type CameraEventDraft } from './telemetry/camera-events.js';
export { sourceEvents, type SourceEventDraft } from './telemetry/source-events.js';
export { localTime, vietnamTime, type LocalTime } from './telemetry/local-time.js';

export { startLivePublisher, type LivePublisher, type LivePublisherOptions, type PublishStats } from './publish/live-publisher.js';
export { startUnitFleet, type UnitFleet, type UnitFleetOptions, type FleetStats } from './dispatch/unit-fleet.js';
export { buildUnits } from './dispatch/unit-plan.js';
export { startFloodScenario, type FloodScenario, type FloodScenarioOptions } from './scenario/flood.js';
export { sourceTopic } from './publish/topics.js';
export { MessageIds, newRunTag } from './publish/message-ids.js';

export { runLoad, type LoadOptions, type LoadSummary } from './load/load-generator.js';

export { BAD_KINDS, DEFAULT_BAD_SIZES, SQL_INJECTION, type BadContext, type BadKind, type BadMessage, type BadSamples } from './bad/bad-kinds.js';
export { reasonMatches, type BadExpectation, type BadOutcome, type BadReason } from './bad/bad-expectation.js';
export { generateBadMessages, publishBadMessages, type BadReportEntry, type BadRunOptions, type GeneratedBadMessages } from './bad/publish-bad.js';
export { badSamples } from './bad/bad-samples.js';

export { registerSources, RegistrationError, type RegisterOptions } from './cli/register-sources.js';

export { startReportSubmitter, type ReportStats, type ReportSubmitter, type ReportSubmitterOptions } from './reports/report-submitter.js';
export { planUnitPeriod, drawOutcome, expectedState, type Outcome, type PlanStep, type UnitPeriodPlan, type WrongKind } from './reports/submission-plan.js';
export { correctValues, dueAt, type ReportValue, type ReportValues } from './reports/report-values.js';
export { ReportClient } from './reports/report-client.js';

export { startFeedbackSubmitter, type FeedbackStats, type FeedbackSubmitter, type FeedbackSubmitterOptions } from './feedback/feedback-submitter.js';
export { pngImage } from './feedback/png.js';

export { startCameraStreamServer, type CameraStreamOptions, type CameraStreamServer } from './camera-stream/camera-stream-server.js';
export { MjpegParser, mjpegPart, mjpegContentType, MJPEG_BOUNDARY, type MjpegFrame } from './camera-stream/mjpeg.js';
export { renderFrame, overlayTimestamp, type SeenEvent } from './camera-stream/scenes.js';
