import type {
  Assignment,
  DispatchMessage,
  DispatchUnit,
  FeedbackRecord,
  FeedbackState,
  IncidentChecklistItem,
  IncidentLink,
  IncidentRecord,
  IncidentState,
  IncidentTimelineEntry,
  LocalizedText,
  UnitSuggestion,
} from '@ioc/sdk';
import { ApiError, queryString } from '../api/rest-client';
import { apiFetch } from '../auth/api-fetch';

/** `GET /api/v1/incidents/:id`. */
export interface IncidentDetail extends IncidentRecord {
  checklist: IncidentChecklistItem[];
  links: IncidentLink[];
  nextStates: IncidentState[];
  agency: string | null;
  unitTypes: string[];
}

export interface NearbyCamera {
  sourceId: string;
  name: string;
  lon: number;
  lat: number;
  distanceM: number;
  online: boolean | null;
  streamUrl: string | null;
  snapshotUrl: string | null;
}

export interface IncidentTypeInfo {
  id: string;
  sector: string;
  name: LocalizedText;
  class: string;
  severity: string;
}

export interface FeedbackCategoryInfo {
  id: string;
  sector: string;
  name: LocalizedText;
  deadlineHours: number;
}

const API_ROOT = '/api/v1';

async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const url = `${API_ROOT}${path}`;
  const response = await apiFetch(url, {
    method,
    signal,
    headers: { accept: 'application/json', ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  if (!response.ok) {
    const problem = (await response.json().catch(() => null)) as { detail?: string; title?: string; errors?: Array<{ field: string; problem: string }> } | null;
    const fields = problem?.errors?.map((e) => `${e.field}: ${e.problem}`).join('; ');
    throw new ApiError(url, response.status, fields || problem?.detail || problem?.title || '');
  }
  return (await response.json()) as T;
}

const id = encodeURIComponent;

export const incidentsApi = {
  detail: (incidentId: string, signal?: AbortSignal) => call<IncidentDetail>('GET', `/incidents/${id(incidentId)}`, undefined, signal),
  timeline: (incidentId: string, signal?: AbortSignal) => call<{ items: IncidentTimelineEntry[] }>('GET', `/incidents/${id(incidentId)}/timeline`, undefined, signal),
  cameras: (incidentId: string, signal?: AbortSignal) => call<{ items: NearbyCamera[] }>('GET', `/incidents/${id(incidentId)}/cameras${queryString({ limit: 5 })}`, undefined, signal),
  types: (signal?: AbortSignal) => call<{ items: IncidentTypeInfo[] }>('GET', '/incident-types', undefined, signal),
  move: (incidentId: string, body: { to: IncidentState; actor: string; comment?: string; publicResult?: string }) => call<IncidentRecord>('POST', `/incidents/${id(incidentId)}/transitions`, body),
  step: (incidentId: string, stepId: string, done: boolean, actor: string) => call<IncidentRecord>('POST', `/incidents/${id(incidentId)}/checklist/${id(stepId)}`, { done, actor }),
  note: (incidentId: string, text: string, actor: string) => call<IncidentTimelineEntry>('POST', `/incidents/${id(incidentId)}/notes`, { text, actor }),
  units: (signal?: AbortSignal) => call<{ items: DispatchUnit[] }>('GET', '/dispatch/units', undefined, signal),
  suggestions: (incidentId: string, signal?: AbortSignal) => call<{ items: UnitSuggestion[] }>('GET', `/dispatch/suggestions${queryString({ incidentId, limit: 6 })}`, undefined, signal),
  assignments: (incidentId: string, signal?: AbortSignal) => call<{ items: Assignment[] }>('GET', `/dispatch/assignments${queryString({ incidentId })}`, undefined, signal),
  assign: (incidentId: string, unitId: string, actor: string) => call<Assignment>('POST', '/dispatch/assignments', { incidentId, unitId, actor }),
  messages: (incidentId: string, signal?: AbortSignal) => call<{ items: DispatchMessage[] }>('GET', `/dispatch/messages${queryString({ incidentId })}`, undefined, signal),
  sendToUnits: (incidentId: string, from: string, text: string) => call<DispatchMessage>('POST', '/dispatch/messages', { incidentId, from, text }),
  feedbackCategories: (signal?: AbortSignal) => call<{ items: FeedbackCategoryInfo[] }>('GET', '/feedback-categories', undefined, signal),
  moveReport: (reportId: string, body: { to: FeedbackState; actor: string; result?: string }) => call<FeedbackRecord>('POST', `/feedback/${id(reportId)}/transitions`, body),
  reportToIncident: (reportId: string, actor: string) => call<{ report: FeedbackRecord; incidentId: string; incidentCode: string }>('POST', `/feedback/${id(reportId)}/incident`, { actor }),
  photoUrl: (reportId: string, photoId: string) => `${API_ROOT}/feedback/${id(reportId)}/photos/${id(photoId)}`,
};

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
