/**
 * Who may do what. A user is an admin or a member; a scenario grants each user at most one role on it.
 * Roles are ranked: each one may do all that the ones below it may.
 */
export const USER_ROLES = ['admin', 'member'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const SCENARIO_ROLES = ['viewer', 'editor', 'owner'] as const;
export type ScenarioRole = (typeof SCENARIO_ROLES)[number];

/** The role each scenario operation needs; docs/server.md has the same table. */
export const NEEDS = {
  read: 'viewer',
  compare: 'viewer',
  addVersion: 'editor',
  share: 'editor',
  delete: 'owner',
  restore: 'owner',
  grant: 'owner',
} as const satisfies Record<string, ScenarioRole>;
export type ScenarioOperation = keyof typeof NEEDS;

export const covers = (held: ScenarioRole, needed: ScenarioRole): boolean =>
  SCENARIO_ROLES.indexOf(held) >= SCENARIO_ROLES.indexOf(needed);

/** What a user holds on a scenario: an admin holds owner's rights on every one. */
export const effectiveRole = (
  user: { readonly role: UserRole },
  granted: ScenarioRole | null | undefined,
): ScenarioRole | undefined => (user.role === 'admin' ? 'owner' : (granted ?? undefined));
