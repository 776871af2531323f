/**
 * The embedded engine: a DuckDB database built from a dataset folder, then reopened READ_ONLY, so that the checks
 * (retention dry-run included) physically cannot change what they read. The database file lives in a temp folder
 * that close() removes; the dataset files themselves are only read.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { displayPath, type TableFile, tableFile } from "./dataset.ts";
import { duckdbDialect } from "./dialect.ts";
import { asCell, type QueryParams, type QueryResult, type SqlEngine } from "./engine.ts";
import { PipelinesDatasetError, PipelinesSqlError } from "./errors.ts";
import { assertReadOnly } from "./read-only.ts";
import { splitTableName, TABLES, type TableDefinition } from "./tables.ts";

function literal(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

function reader(file: TableFile, columns: ReadonlyArray<string> | undefined): string {
  if (file.format === "csv") {
    return `read_csv(${literal(file.path)}, header = true, all_varchar = true, delim = ',', quote = '"', escape = '"')`;
  }
  if (!columns) return `read_json(${literal(file.path)}, format = 'array')`;
  const asText = columns.map((c) => `${literal(c)}: 'VARCHAR'`).join(", ");
  return `read_json(${literal(file.path)}, format = 'array', columns = {${asText}})`;
}

async function loadTable(connection: DuckDBConnection, table: TableDefinition, dir: string): Promise<void> {
  const file = tableFile(dir, table.name);
  const expected = Object.keys(table.columns);
  let found: string[];
  try {
    const described = await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${reader(file, undefined)}`);
    found = described.getRowObjectsJson().map((row) => String(row.column_name));
  } catch (error) {
    throw new PipelinesDatasetError(file.path, `cannot be read as ${file.format}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const missing = expected.filter((c) => !found.includes(c));
  const extra = found.filter((c) => !expected.includes(c));
  if (missing.length > 0 || extra.length > 0) {
    const parts = [
      missing.length > 0 ? `missing column(s) ${missing.join(", ")}` : "",
      extra.length > 0 ? `unknown column(s) ${extra.join(", ")}` : "",
    ].filter(Boolean);
    throw new PipelinesDatasetError(
      file.path,
      `${parts.join("; ")} for ${table.name} (expected ${expected.join(", ")})`,
    );
  }
  const { schema } = splitTableName(table.name);
  const columnList = Object.entries(table.columns)
    .map(([name, type]) => `${name} ${type}`)
    .join(", ");
  try {
    await connection.run(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await connection.run(`CREATE TABLE ${table.name} (${columnList})`);
    await connection.run(`INSERT INTO ${table.name} BY NAME SELECT * FROM ${reader(file, expected)}`);
  } catch (error) {
    throw new PipelinesDatasetError(file.path, `does not load into ${table.name}: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

/** Only the parameters the statement names: DuckDB rejects named values it has no marker for. */
function usedParams(sql: string, params: QueryParams): Record<string, string> {
  return Object.fromEntries(Object.entries(params).filter(([name]) => new RegExp(`\\$${name}\\b`).test(sql)));
}

export class DuckDbEngine implements SqlEngine {
  readonly kind = "duckdb" as const;
  readonly dialect = duckdbDialect;
  readonly label: string;
  readonly datasetDir: string;
  readonly #instance: DuckDBInstance;
  readonly #connection: DuckDBConnection;
  readonly #tempDir: string;

  private constructor(datasetDir: string, instance: DuckDBInstance, connection: DuckDBConnection, tempDir: string) {
    this.datasetDir = datasetDir;
    this.label = `duckdb (embedded, read-only) ${displayPath(datasetDir)}`;
    this.#instance = instance;
    this.#connection = connection;
    this.#tempDir = tempDir;
  }

  /** Loads every table of tables.ts from `datasetDir` and reopens the database read-only. */
  static async open(datasetDir: string): Promise<DuckDbEngine> {
    const tempDir = mkdtempSync(join(tmpdir(), "smokebook-pipelines-"));
    const file = join(tempDir, "dataset.duckdb");
    try {
      const writable = await DuckDBInstance.create(file);
      const loader = await writable.connect();
      try {
        for (const table of TABLES) await loadTable(loader, table, datasetDir);
      } finally {
        loader.closeSync();
        writable.closeSync();
      }
      const instance = await DuckDBInstance.create(file, { access_mode: "READ_ONLY" });
      return new DuckDbEngine(datasetDir, instance, await instance.connect(), tempDir);
    } catch (error) {
      rmSync(tempDir, { recursive: true, force: true });
      throw error;
    }
  }

  async query(sql: string, params: QueryParams = {}): Promise<QueryResult> {
    assertReadOnly(sql);
    try {
      const result = await this.#connection.runAndReadAll(sql, usedParams(sql, params));
      const columns = result.columnNames();
      const rows = result.getRowObjectsJson().map((row) => Object.fromEntries(columns.map((c) => [c, asCell(row[c])])));
      return { columns, rows };
    } catch (error) {
      throw new PipelinesSqlError("duckdb", (error as Error).message, { cause: error });
    }
  }

  /** Runs a statement without the read-only guard: for self-tests that prove the database itself refuses writes. */
  async unguardedForSelfTest(sql: string): Promise<void> {
    await this.#connection.run(sql);
  }

  async close(): Promise<void> {
    this.#connection.closeSync();
    this.#instance.closeSync();
    rmSync(this.#tempDir, { recursive: true, force: true });
  }
}
