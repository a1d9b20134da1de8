// Loads @prisma/schema-engine-wasm in Node without WebAssembly ESM integration.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { bindMigrationAwareSqlAdapterFactory, type SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';

export type WasmEngine = import('@prisma/schema-engine-wasm').SchemaEngine;

/** The last panic message of the WASM engine; wasm-bindgen reports it through this global. */
export let lastPanic: string | undefined;
(globalThis as { PRISMA_WASM_PANIC_REGISTRY?: unknown }).PRISMA_WASM_PANIC_REGISTRY = {
  set_message(message: string) {
    lastPanic = message;
  },
};

/** Node's WebAssembly global; its types come with the DOM library, which the server code does not load. */
const webAssembly = (
  globalThis as unknown as {
    WebAssembly: { instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: { exports: Record<string, unknown> } }> };
  }
).WebAssembly;

export async function loadWasmEngine(
  datamodels: [string, string][],
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
): Promise<WasmEngine> {
  const require = createRequire(import.meta.url);
  const pkgDir = dirname(require.resolve('@prisma/schema-engine-wasm'));
  const bg = await import(join(pkgDir, 'schema_engine_bg.js'));
  const { instance } = await webAssembly.instantiate(readFileSync(join(pkgDir, 'schema_engine_bg.wasm')), {
    './schema_engine_bg.js': bg,
  });
  bg.__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start?: () => void }).__wbindgen_start?.();
  const log = (line: string) => process.stderr.write(`${typeof line === 'string' ? line : JSON.stringify(line)}\n`);
  return bg.SchemaEngine.new(
    { datamodels: datamodels.length ? datamodels : undefined },
    log,
    bindMigrationAwareSqlAdapterFactory(adapterFactory),
  );
}
