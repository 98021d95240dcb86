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
];
