import { z } from 'zod';
import { SCENARIO_ROLES } from '../db/roles.js';

/** Scenario text as a request carries it: YAML or JSON, as in a scenario file. */
export const MAX_SCENARIO_CHARS = 512 * 1024;

const scenarioText = z
  .string()
  .min(1, 'the scenario text is empty')
  .max(MAX_SCENARIO_CHARS, `the scenario text passes ${MAX_SCENARIO_CHARS} characters`)
  .describe('The scenario as YAML or JSON text, as in a scenario file (docs/scenario.md).');

function hasControlCharacters(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c < 32 && c !== 9) || c === 127) return true;
  }
  return false;
}

// Control characters other than tab would garble logs and lists; any other text is allowed and
// always shown as text, never as markup.
const name = z
  .string()
  .trim()
  .min(1, 'the name is empty')
  .max(200, 'the name passes 200 characters')
  .refine((s) => !hasControlCharacters(s), 'the name has control characters')
  .describe('A name for people; shown as text.');

export const planRequestSchema = z.strictObject({ yaml: scenarioText });
export const saveRequestSchema = z.strictObject({ name, yaml: scenarioText });
export const versionRequestSchema = z.strictObject({ name: name.optional(), yaml: scenarioText });
export const shareRequestSchema = z.strictObject({
  version: z.int().min(1).max(1_000_000).optional().describe('The version to share; the latest when absent.'),
});

export const memberRequestSchema = z.strictObject({
  role: z
    .enum(SCENARIO_ROLES)
    .describe(
      'viewer: reads; editor: also adds versions, renames and shares; owner: also deletes, restores and grants.',
    ),
});

export type PlanRequest = z.output<typeof planRequestSchema>;
export type SaveRequest = z.output<typeof saveRequestSchema>;
export type VersionRequest = z.output<typeof versionRequestSchema>;
export type ShareRequest = z.output<typeof shareRequestSchema>;
export type MemberRequest = z.output<typeof memberRequestSchema>;

/** A saved scenario's id, as regular-expression source: the routes, the document and refs share it. */
export const SCENARIO_ID_PATTERN = '[A-Za-z0-9_-]{22}';

/**
 * A user name as `aidc-server token create --name` accepts it, as regular-expression source. In a
 * path it arrives percent-encoded, so the route lets encoded text through and the handler decodes it.
 */
export const USER_NAME_PATTERN = '[\\w .@-]{1,80}';
export const USER_NAME = new RegExp(`^${USER_NAME_PATTERN}$`);

/** The saved-scenario reference `id@version` used by compare. */
export const REF_PATTERN = new RegExp(`^(${SCENARIO_ID_PATTERN})(?:@([1-9][0-9]{0,6}))?$`);
