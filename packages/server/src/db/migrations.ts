/**
 * The schema, one step per release, applied in order inside one transaction each; PRAGMA user_version
 * records how many have run. Never edit a step that has shipped: add one.
 */
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE scenarios (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );
   CREATE TABLE versions (
     scenario_id TEXT NOT NULL REFERENCES scenarios(id) ON DELETE CASCADE,
     version INTEGER NOT NULL,
     yaml TEXT NOT NULL,
     plan_json TEXT NOT NULL,
     created_at TEXT NOT NULL,
     author TEXT NOT NULL,
     PRIMARY KEY (scenario_id, version)
   );
   CREATE TABLE shares (
     id TEXT PRIMARY KEY,
     scenario_id TEXT NOT NULL REFERENCES scenarios(id) ON DELETE CASCADE,
     version INTEGER NOT NULL,
     created_at TEXT NOT NULL
   );
   CREATE TABLE tokens (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     name TEXT NOT NULL,
     sha256 TEXT NOT NULL UNIQUE,
     created_at TEXT NOT NULL,
     revoked_at TEXT
   );
   CREATE TABLE audit (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     at TEXT NOT NULL,
     actor TEXT NOT NULL,
     action TEXT NOT NULL,
     target TEXT NOT NULL,
     client TEXT NOT NULL
   );
   CREATE INDEX scenarios_updated ON scenarios(updated_at);`,
  // Users, ownership, soft deletes and a fuller audit (issue #11, item 6). Each token name becomes a
  // user, as admin: before this step every token could do everything, so no one loses what they had
  // (demote with `aidc-server user role`). A scenario is owned by the author of its version 1. Past
  // names were not kept per version, so every existing version takes the scenario's current name.
  // Columns are added rather than tables rebuilt: with foreign keys on, dropping `scenarios` to rebuild
  // it would cascade to every version.
  `CREATE TABLE users (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     name TEXT NOT NULL UNIQUE,
     role TEXT NOT NULL CHECK (role IN ('admin', 'member')),
     created_at TEXT NOT NULL
   );
   INSERT INTO users (name, role, created_at)
     SELECT name, 'admin', MIN(created_at) FROM tokens GROUP BY name ORDER BY MIN(id);
   INSERT OR IGNORE INTO users (name, role, created_at)
     SELECT author, 'member', MIN(created_at) FROM versions GROUP BY author;
   ALTER TABLE tokens ADD COLUMN user_id INTEGER REFERENCES users(id);
   UPDATE tokens SET user_id = (SELECT u.id FROM users u WHERE u.name = tokens.name);
   CREATE TABLE members (
     scenario_id TEXT NOT NULL REFERENCES scenarios(id) ON DELETE CASCADE,
     user_id INTEGER NOT NULL REFERENCES users(id),
     role TEXT NOT NULL CHECK (role IN ('owner', 'editor', 'viewer')),
     PRIMARY KEY (scenario_id, user_id)
   );
   CREATE INDEX members_user ON members(user_id);
   INSERT INTO members (scenario_id, user_id, role)
     SELECT v.scenario_id, u.id, 'owner' FROM versions v JOIN users u ON u.name = v.author WHERE v.version = 1;
   ALTER TABLE scenarios ADD COLUMN deleted_at TEXT;
   CREATE INDEX scenarios_deleted ON scenarios(deleted_at) WHERE deleted_at IS NOT NULL;
   ALTER TABLE versions ADD COLUMN name TEXT;
   UPDATE versions SET name = (SELECT s.name FROM scenarios s WHERE s.id = versions.scenario_id);
   ALTER TABLE audit ADD COLUMN name TEXT NOT NULL DEFAULT '';
   ALTER TABLE audit ADD COLUMN detail TEXT NOT NULL DEFAULT '';
   ALTER TABLE audit ADD COLUMN count INTEGER NOT NULL DEFAULT 1;
   ALTER TABLE audit ADD COLUMN last_at TEXT;`,
];
