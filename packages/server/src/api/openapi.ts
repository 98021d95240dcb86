import { MAX_DIAGNOSTICS, REASON_CODES, scenarioJsonSchema } from '@aidc/core';
import { z } from 'zod';
import {
  memberRequestSchema,
  planRequestSchema,
  SCENARIO_ID_PATTERN,
  saveRequestSchema,
  shareRequestSchema,
  versionRequestSchema,
} from './schemas.js';

const json = (schema: object) => ({ 'application/json': { schema } });
const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const body = (id: string) => ({ required: true, content: json(ref(id)) });
const ok = (description: string, schema: object = { type: 'object' }) => ({
  description,
  content: json(schema),
});
const problem = (description: string) => ({ description, content: json(ref('Error')) });

const errors = {
  '400': problem('The body is not JSON, nests too deep, or misses a field.'),
  '413': problem('The body passes the size limit.'),
  '415': problem('The body is not application/json.'),
  '429': problem('Too many requests from this client; see Retry-After.'),
};
const authErrors = { '401': problem('No bearer token, or one that is unknown or revoked.') };
// A scenario the caller holds no role on is answered 404, as if it did not exist; one they hold a
// lesser role on is answered 403.
const scenarioErrors = {
  '403': problem('The caller holds a role on the scenario, but not the one this needs.'),
  '404': problem('No such scenario, or not shared with the caller, or deleted.'),
  ...authErrors,
};
const auth = [{ bearer: [] }];
const idParam = {
  name: 'id',
  in: 'path',
  required: true,
  schema: { type: 'string', pattern: `^${SCENARIO_ID_PATTERN}$` },
};

function component(schema: z.ZodType): unknown {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io: 'input' }) as Record<string, unknown>;
  return rest;
}

/** The API described from the same zod schemas that check requests and scenario files. */
export function openApiDocument(version: string): unknown {
  const { $schema: _drop, ...scenario } = scenarioJsonSchema() as Record<string, unknown>;
  return {
    openapi: '3.1.0',
    info: {
      title: 'aidc API',
      version,
      description:
        'Validate and plan AI-datacenter scenarios; save, version, compare and share plans. Writes and reads of saved scenarios need a bearer token (`aidc-server token create`); share links and planning do not. Each token belongs to a user, admin or member; each scenario grants its users owner, editor or viewer (docs/server.md).',
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        PlanRequest: component(planRequestSchema),
        SaveRequest: component(saveRequestSchema),
        VersionRequest: component(versionRequestSchema),
        ShareRequest: component(shareRequestSchema),
        MemberRequest: component(memberRequestSchema),
        Scenario: {
          ...scenario,
          description: 'The structure the scenario text must have (docs/scenario.md).',
        },
        Diagnostic: {
          type: 'object',
          required: ['file', 'line', 'column', 'path', 'code', 'message'],
          properties: {
            file: { type: 'string' },
            line: { type: 'integer', description: '1-based; 0 when there is no line to point at.' },
            column: { type: 'integer' },
            path: { type: 'array', items: { type: ['string', 'integer'] } },
            code: {
              type: 'string',
              enum: Object.keys(REASON_CODES),
              description: 'Why, as a stable code (REASON_CODES in core); the message may change.',
            },
            message: { type: 'string' },
          },
        },
        Refusal: {
          type: 'object',
          description: 'What aidc refuses, the same object the CLI prints and the page shows.',
          required: ['kind', 'what', 'diagnostics'],
          properties: {
            kind: { const: 'refusal' },
            what: {
              enum: ['scenario', 'plan'],
              description: 'scenario: the text does not check; plan: it checks but cannot be planned.',
            },
            diagnostics: {
              type: 'array',
              minItems: 1,
              maxItems: MAX_DIAGNOSTICS,
              items: ref('Diagnostic'),
              description: `The first ${MAX_DIAGNOSTICS} reasons, in the order of the text.`,
            },
            omitted: {
              type: 'integer',
              minimum: 1,
              description: 'How many more reasons there were beyond those listed; absent when none.',
            },
          },
        },
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: {
                code: { type: 'string' },
                message: { type: 'string' },
                diagnostics: { type: 'array', items: ref('Diagnostic') },
                omitted: { type: 'integer', description: "The refusal's omitted count, repeated." },
                refusal: ref('Refusal'),
              },
            },
          },
        },
        Plan: { type: 'object', description: 'A datacenter plan: every field is in docs/plan-json.md.' },
      },
    },
    paths: {
      '/api/health': { get: { summary: 'Liveness and schema version.', responses: { '200': ok('Up.') } } },
      '/api/openapi.json': { get: { summary: 'This document.', responses: { '200': ok('OpenAPI 3.1.') } } },
      '/api/validate': {
        post: {
          summary: 'Check a scenario: the same located diagnostics as the CLI.',
          requestBody: body('PlanRequest'),
          responses: {
            '200': ok('Valid.'),
            '422': problem('Invalid: diagnostics at their fields.'),
            ...errors,
          },
        },
      },
      '/api/plan': {
        post: {
          summary: 'Plan a scenario: the whole site, with every figure traced.',
          requestBody: body('PlanRequest'),
          responses: {
            '200': ok('The plan.', { type: 'object', properties: { plan: ref('Plan') } }),
            '422': problem('Invalid or unplannable, or planning passed the time limit.'),
            '503': problem(
              'The planner queue is full, or the request waited past --queue-timeout; see Retry-After.',
            ),
            ...errors,
          },
        },
      },
      '/api/scenarios': {
        get: {
          summary:
            'The saved scenarios the caller may see (an admin: all), most recently changed first; with deleted=true, the deleted ones the caller may restore.',
          security: auth,
          parameters: [
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 500 } },
            { name: 'offset', in: 'query', schema: { type: 'integer', minimum: 0 } },
            { name: 'deleted', in: 'query', schema: { type: 'boolean' } },
          ],
          responses: { '200': ok('The list.'), ...authErrors },
        },
        post: {
          summary: 'Save a scenario with its plan as version 1; the caller becomes its owner.',
          security: auth,
          requestBody: body('SaveRequest'),
          responses: { '201': ok('Saved.'), '422': problem('Invalid scenario.'), ...authErrors, ...errors },
        },
      },
      '/api/scenarios/{id}': {
        parameters: [idParam],
        get: {
          summary: 'A saved scenario, its versions and its grants. Needs viewer.',
          security: auth,
          responses: { '200': ok('Found.'), ...scenarioErrors },
        },
        delete: {
          summary:
            'Delete a scenario: it, its versions and its share links stop answering until its owner restores it or the retention period passes. Needs owner.',
          security: auth,
          responses: { '204': { description: 'Deleted.' }, ...scenarioErrors },
        },
      },
      '/api/scenarios/{id}/restore': {
        parameters: [idParam],
        post: {
          summary: 'Restore a deleted scenario with its versions, grants and share links. Needs owner.',
          security: auth,
          responses: {
            '200': ok('Restored.'),
            '409': problem('The scenario is not deleted.'),
            ...scenarioErrors,
          },
        },
      },
      '/api/scenarios/{id}/members/{user}': {
        parameters: [
          idParam,
          { name: 'user', in: 'path', required: true, schema: { type: 'string', maxLength: 80 } },
        ],
        put: {
          summary: 'Grant a user a role on the scenario, replacing theirs. Needs owner.',
          security: auth,
          requestBody: body('MemberRequest'),
          responses: {
            '200': ok('The grants now.'),
            '409': problem('The scenario would be left without an owner.'),
            ...scenarioErrors,
            ...errors,
          },
        },
        delete: {
          summary: "Take a user's role on the scenario away. Needs owner.",
          security: auth,
          responses: {
            '204': { description: 'Removed.' },
            '409': problem('The scenario would be left without an owner.'),
            ...scenarioErrors,
          },
        },
      },
      '/api/scenarios/{id}/versions': {
        parameters: [idParam],
        post: {
          summary: 'Save a new version (and optionally a new name). Needs editor.',
          security: auth,
          requestBody: body('VersionRequest'),
          responses: {
            '201': ok('Saved.'),
            '422': problem('Invalid scenario.'),
            ...scenarioErrors,
            ...errors,
          },
        },
      },
      '/api/scenarios/{id}/versions/{version}': {
        parameters: [
          idParam,
          { name: 'version', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } },
        ],
        get: {
          summary: 'One version: its text, its plan and the name it was saved under. Needs viewer.',
          security: auth,
          responses: { '200': ok('Found.'), ...scenarioErrors },
        },
      },
      '/api/scenarios/{id}/shares': {
        parameters: [idParam],
        post: {
          summary: 'A read-only link to one version, with an unguessable id. Needs editor.',
          security: auth,
          requestBody: body('ShareRequest'),
          responses: { '201': ok('Created.'), ...scenarioErrors, ...errors },
        },
      },
      '/api/shares/{share}': {
        parameters: [{ name: 'share', in: 'path', required: true, schema: { type: 'string' } }],
        get: {
          summary:
            'A shared version, read-only, without a token: its text, its plan, its number and the name it was saved under; no scenario id, no author.',
          responses: {
            '200': ok('Found.'),
            '404': problem('No such link, or its scenario is deleted.'),
          },
        },
      },
      '/api/compare': {
        get: {
          summary:
            'Two saved plans side by side: every headline figure, its difference and ratio. Needs viewer on both.',
          security: auth,
          parameters: [
            {
              name: 'a',
              in: 'query',
              required: true,
              schema: { type: 'string', description: 'id or id@version' },
            },
            {
              name: 'b',
              in: 'query',
              required: true,
              schema: { type: 'string', description: 'id or id@version' },
            },
          ],
          responses: { '200': ok('The comparison.'), ...scenarioErrors },
        },
      },
      '/api/audit': {
        get: {
          summary:
            'The audit log, newest first, for admins: writes, deletes, restores, purges, grants, and the refused authentications and reads (coalesced, with a count). Page back with before=next.',
          security: auth,
          parameters: [
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 500 } },
            { name: 'before', in: 'query', schema: { type: 'integer', minimum: 1 } },
          ],
          responses: {
            '200': ok('Entries, and next while there are older ones.'),
            '403': problem('The caller is not an admin.'),
            ...authErrors,
          },
        },
      },
    },
  };
}
