/** Fleet summary formats by name; the summary is small (one digest per cluster), so each renders to one string. */
import { fleetHtml } from './html.js';
import type { FleetSummary } from './model.js';
import { fleetTable } from './table.js';

export const FLEET_RENDERERS = {
  table: { extension: 'txt', render: fleetTable },
  json: { extension: 'json', render: (fleet: FleetSummary) => JSON.stringify(fleet, null, 2) + '\n' },
  html: { extension: 'html', render: fleetHtml },
} satisfies Record<string, { extension: string; render(fleet: FleetSummary): string }>;

export type FleetFormat = keyof typeof FLEET_RENDERERS;
export const FLEET_FORMATS = Object.keys(FLEET_RENDERERS) as FleetFormat[];

export * from './model.js';
